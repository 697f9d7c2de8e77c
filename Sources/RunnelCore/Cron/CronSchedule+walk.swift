/// The walk over segments of constant UTC offset that defines the set of fire instants.
///
/// In a segment `[start, end)` with offset `o`, a matching wall-clock minute `M` (local
/// seconds) fires at the instant `M - o`. At a transition from offset `p` to `o`:
/// - `o > p` (clocks go forward): the wall times `[start + p, start + o)` never happen.
///   A fixed-time schedule with a matching minute there fires once at `start`, the first
///   instant after the gap; an elapsed-time schedule does not fire for them.
/// - `o < p` (clocks go back): the wall times `[start + o, start + p)` happen again. A
///   fixed-time schedule does not fire for them a second time; an elapsed-time one does.
/// Both directions enumerate the same per-segment sets, so they mirror each other.
extension CronSchedule {
    /// How far a search looks: one 400-year Gregorian cycle plus a day, after which the
    /// calendar repeats, so a schedule that has not fired by then never will.
    static let horizon = (146_097 + 1) * CivilTime.secondsPerDay

    /// The first fire instant at or after `from` (seconds since 1970, UTC).
    func nextInstant(atOrAfter from: Int) -> Int? {
        guard expression.canMatchSomeDay else { return nil }
        let fixedTime = expression.isFixedTime
        let limit = min(ZoneTransitions.maxInstant, from + Self.horizon)
        if zone.isFixed {
            let offset = zone.offsets[0]
            return expression.firstMatch(atOrAfter: from + offset, before: limit + offset).map { $0 - offset }
        }
        var cursor = from
        var index = zone.segmentIndex(containing: from)
        while cursor < limit {
            let segment = zone.segment(index)
            let offset = segment.offset
            var low = cursor + offset
            if fixedTime, let start = segment.start, let previous = segment.previousOffset {
                if previous < offset, cursor == start,
                   expression.firstMatch(atOrAfter: start + previous, before: start + offset) != nil {
                    return start
                }
                if previous > offset { low = max(low, start + previous) }
            }
            let end = min(segment.end ?? limit, limit)
            if let match = expression.firstMatch(atOrAfter: low, before: end + offset) {
                return match - offset
            }
            guard let next = segment.end else { return nil }
            cursor = next
            index += 1
        }
        return nil
    }

    /// The last fire instant at or before `from` (seconds since 1970, UTC).
    func previousInstant(atOrBefore from: Int) -> Int? {
        guard expression.canMatchSomeDay else { return nil }
        let fixedTime = expression.isFixedTime
        let limit = max(ZoneTransitions.minInstant, from - Self.horizon)
        if zone.isFixed {
            let offset = zone.offsets[0]
            return expression.lastMatch(atOrBefore: from + offset, notBefore: limit + offset).map { $0 - offset }
        }
        var cursor = from
        var index = zone.segmentIndex(containing: from)
        while cursor >= limit {
            let segment = zone.segment(index)
            let offset = segment.offset
            var low = max(segment.start ?? limit, limit) + offset
            if fixedTime, let start = segment.start, let previous = segment.previousOffset, previous > offset {
                low = max(low, start + previous)
            }
            if let match = expression.lastMatch(atOrBefore: cursor + offset, notBefore: low) {
                return match - offset
            }
            guard let start = segment.start, start > limit else { return nil }
            if fixedTime, let previous = segment.previousOffset, previous < offset,
               expression.firstMatch(atOrAfter: start + previous, before: start + offset) != nil {
                return start
            }
            cursor = start - 1
            index -= 1
        }
        return nil
    }
}
