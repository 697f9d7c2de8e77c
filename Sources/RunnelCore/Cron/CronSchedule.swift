public import Foundation

/// A cron expression read in a time zone: computes the instants at which it fires.
///
/// The fire instants form one well-defined set, and ``next(after:)`` and
/// ``previous(before:)`` navigate it in opposite directions. Across DST changes the set
/// follows Debian cron: a fixed-time schedule (``CronExpression/isFixedTime``) is read on
/// the wall clock (a slot in a skipped hour fires once at the first instant after the gap,
/// a slot in a repeated hour fires on its first occurrence); any other schedule fires at
/// every matching instant that exists. Instants are supported from 1800-01-01 to
/// 2400-01-01 UTC; outside that range the methods return `nil`.
public struct CronSchedule: Sendable {
    /// The parsed expression.
    public let expression: CronExpression
    /// The zone whose wall clock the expression is read on.
    public let timeZone: TimeZone
    /// The zone's offsets, shared between schedules of the same zone.
    let zone: ZoneTransitions

    /// The largest number of fire times ``next(after:count:)`` returns.
    public static let maximumCount = 100_000

    /// Creates a schedule that reads `expression` on the wall clock of `timeZone`.
    /// - Parameters:
    ///   - expression: The parsed cron expression.
    ///   - timeZone: The zone, e.g. from `TimeZone.named(_:)`.
    public init(_ expression: CronExpression, timeZone: TimeZone) {
        self.expression = expression
        self.timeZone = timeZone
        self.zone = ZoneTransitions.forZone(timeZone)
    }

    /// The first fire time strictly after `date`.
    /// - Parameter date: Any instant; fractions of a second are allowed.
    /// - Returns: The fire time, or `nil` if the schedule never fires again (no fire within
    ///   400 years, or none before 2400) or `date` is outside the supported range.
    public func next(after date: Date) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds >= Double(ZoneTransitions.minInstant), seconds < Double(ZoneTransitions.maxInstant) else {
            return nil
        }
        return nextInstant(atOrAfter: Int(seconds.rounded(.down)) + 1).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// The last fire time strictly before `date`: the exact mirror of ``next(after:)``.
    /// - Parameter date: Any instant; fractions of a second are allowed.
    /// - Returns: The fire time, or `nil` if there is none within 400 years (or after
    ///   1800) or `date` is outside the supported range.
    public func previous(before date: Date) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds > Double(ZoneTransitions.minInstant), seconds <= Double(ZoneTransitions.maxInstant) else {
            return nil
        }
        return previousInstant(atOrBefore: Int(seconds.rounded(.up)) - 1).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// The next `count` fire times strictly after `date`, in order.
    /// - Parameters:
    ///   - date: Any instant.
    ///   - count: How many fire times to return; at most ``maximumCount`` are returned.
    /// - Returns: Up to `count` fire times; fewer when the schedule stops firing.
    public func next(after date: Date, count: Int) -> [Date] {
        let wanted = min(max(count, 0), Self.maximumCount)
        var result: [Date] = []
        result.reserveCapacity(min(wanted, 1024))
        var cursor = date
        while result.count < wanted, let fire = next(after: cursor) {
            result.append(fire)
            cursor = fire
        }
        return result
    }
}
