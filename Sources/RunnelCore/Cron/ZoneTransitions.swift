import Foundation
import Synchronization

/// A time zone's UTC offsets as a table of transitions over the supported range of
/// instants, so that next-fire computation needs no Foundation call in its hot path.
///
/// Built once per zone identifier from `TimeZone.nextDaylightSavingTimeTransition(after:)`
/// and `secondsFromGMT(for:)` (which report every offset change, not only DST ones), then
/// shared. Transitions that leave the offset unchanged are dropped.
final class ZoneTransitions: Sendable {
    /// The first supported instant: 1800-01-01T00:00:00Z.
    static let minInstant = CivilTime.days(year: 1800, month: 1, day: 1) * CivilTime.secondsPerDay
    /// The end (exclusive) of the supported instants: 2400-01-01T00:00:00Z.
    static let maxInstant = CivilTime.days(year: 2400, month: 1, day: 1) * CivilTime.secondsPerDay

    /// Instants (seconds since 1970, UTC) where the offset changes, ascending.
    let instants: [Int]
    /// `offsets[i]` is in force from `instants[i - 1]` (or the beginning) to `instants[i]`
    /// (or the end); so there is one more offset than instants.
    let offsets: [Int]

    /// One interval of constant UTC offset.
    struct Segment {
        /// The first instant of the segment, or `nil` for the first segment.
        var start: Int?
        /// The instant where the next segment starts, or `nil` for the last one.
        var end: Int?
        /// The UTC offset in seconds.
        var offset: Int
        /// The offset of the segment before, or `nil` for the first segment.
        var previousOffset: Int?
    }

    init(instants: [Int], offsets: [Int]) {
        self.instants = instants
        self.offsets = offsets
    }

    /// Whether the offset never changes over the supported range.
    var isFixed: Bool { instants.isEmpty }

    /// The index of the segment that contains `instant`: the number of transitions at or before it.
    func segmentIndex(containing instant: Int) -> Int {
        var low = 0
        var high = instants.count
        while low < high {
            let mid = (low + high) / 2
            if instants[mid] <= instant {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// The segment at an index from ``segmentIndex(containing:)``.
    func segment(_ index: Int) -> Segment {
        Segment(
            start: index > 0 ? instants[index - 1] : nil,
            end: index < instants.count ? instants[index] : nil,
            offset: offsets[index],
            previousOffset: index > 0 ? offsets[index - 1] : nil
        )
    }

    /// The table for a zone, built on first use and cached by identifier.
    static func forZone(_ zone: TimeZone) -> ZoneTransitions {
        let key = zone.identifier
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let built = build(zone)
        return cache.withLock { table in
            if let cached = table[key] { return cached }
            table[key] = built
            return built
        }
    }

    private static let cache = Mutex<[String: ZoneTransitions]>([:])

    private static func build(_ zone: TimeZone) -> ZoneTransitions {
        var instants: [Int] = []
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minInstant)))]
        var cursor = Date(timeIntervalSince1970: Double(minInstant))
        // A day past the end so that a segment reaching the end is closed correctly.
        let end = Double(maxInstant + CivilTime.secondsPerDay)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < end, next > cursor, instants.count < 1_000_000 {
            let instant = Int(next.timeIntervalSince1970.rounded())
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
            if offset != offsets[offsets.count - 1], instant > (instants.last ?? Int.min) {
                instants.append(instant)
                offsets.append(offset)
            }
            cursor = next
        }
        return ZoneTransitions(instants: instants, offsets: offsets)
    }
}
