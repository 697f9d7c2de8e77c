import Foundation
import Testing
@testable import RunnelCore

/// Helpers shared by the cron tests. Dates are written and read with Foundation's own
/// formatters, so that expectations never go through the civil arithmetic under test.
enum CronTestSupport {
    struct UnknownZone: Error { var name: String }
    struct BadDate: Error { var text: String }

    static func zone(_ name: String) throws -> TimeZone {
        guard let zone = TimeZone.named(name) else { throw UnknownZone(name: name) }
        return zone
    }

    /// Parses `2026-03-08T01:30:00-05:00` (fractional seconds allowed).
    static func date(_ text: String) throws -> Date {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = fractional.date(from: text) else { throw BadDate(text: text) }
        return date
    }

    /// Formats a date on the wall clock of `zone`, with its offset: `2026-03-08T03:00:00-04:00`.
    static func iso(_ date: Date?, _ zone: TimeZone) -> String {
        guard let date else { return "nil" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return formatter.string(from: date)
    }

    static func schedule(_ expression: String, _ zoneName: String = "UTC") throws -> CronSchedule {
        CronSchedule(try CronExpression(parsing: expression), timeZone: try zone(zoneName))
    }

    /// The next `count` fire times after `from`, formatted in the schedule's zone.
    static func fires(_ expression: String, _ zoneName: String, after from: String, count: Int) throws -> [String] {
        let schedule = try schedule(expression, zoneName)
        return schedule.next(after: try date(from), count: count).map { iso($0, schedule.timeZone) }
    }

    /// The previous `count` fire times before `from`, latest first, formatted in the schedule's zone.
    static func firesBefore(_ expression: String, _ zoneName: String, before from: String, count: Int) throws -> [String] {
        let schedule = try schedule(expression, zoneName)
        var result: [String] = []
        var cursor = try date(from)
        while result.count < count, let fire = schedule.previous(before: cursor) {
            result.append(iso(fire, schedule.timeZone))
            cursor = fire
        }
        return result
    }

    /// The values whose bits are set.
    static func values(_ bits: UInt64) -> [Int] {
        (0..<64).filter { bits & (1 << UInt64($0)) != 0 }
    }
}

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
