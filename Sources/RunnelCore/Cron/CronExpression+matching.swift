/// Finding matching wall-clock minutes, with times given as "local seconds": seconds since
/// 1970-01-01T00:00 read on the wall clock (as if the wall clock were UTC). No time zone
/// is involved here; ``CronSchedule`` maps local seconds to instants.
extension CronExpression {
    /// The day-of-month bits (1–31) of the days of `month` in `year` that match.
    func dayMask(year: Int, month: Int) -> UInt64 {
        let count = CivilTime.daysInMonth(year: year, month: month)
        let valid: UInt64 = (2 << UInt64(count)) - 2
        let firstWeekday = CivilTime.weekday(days: CivilTime.days(year: year, month: month, day: 1))
        let weekdays = (weekPattern >> UInt64(firstWeekday)) << 1
        let matching = daysMustMatchBoth ? daysOfMonth & weekdays : daysOfMonth | weekdays
        return matching & valid
    }

    /// The first matching minute at or after `start` and before `limit`, in local seconds.
    func firstMatch(atOrAfter start: Int, before limit: Int) -> Int? {
        guard start < limit else { return nil }
        let aligned = CivilTime.floorDiv(start + 59, 60) * 60
        let dayNumber = CivilTime.floorDiv(aligned, CivilTime.secondsPerDay)
        let secondOfDay = aligned - dayNumber * CivilTime.secondsPerDay
        var (year, month, day) = CivilTime.date(days: dayNumber)
        var hour = secondOfDay / 3600
        var minute = secondOfDay % 3600 / 60

        while true {
            if months & (1 << UInt64(month)) == 0 || day > 31 {
                // Move to the first day of the next month in the set.
                let later = months & (~UInt64(0) << UInt64(month + 1)) & 0x1FFE
                if later != 0 {
                    month = later.trailingZeroBitCount
                } else {
                    year += 1
                    month = months.trailingZeroBitCount
                }
                day = 1
                hour = 0
                minute = 0
                if CivilTime.days(year: year, month: month, day: 1) * CivilTime.secondsPerDay >= limit { return nil }
            }
            let days = dayMask(year: year, month: month) & (~UInt64(0) << UInt64(day))
            if days == 0 {
                day = 32
                continue
            }
            let nextDay = days.trailingZeroBitCount
            if nextDay != day {
                day = nextDay
                hour = 0
                minute = 0
            }
            let dayStart = CivilTime.days(year: year, month: month, day: day) * CivilTime.secondsPerDay
            if dayStart >= limit { return nil }
            let laterHours = hours & (~UInt64(0) << UInt64(hour))
            if laterHours == 0 {
                day += 1
                hour = 0
                minute = 0
                continue
            }
            let nextHour = laterHours.trailingZeroBitCount
            if nextHour != hour {
                hour = nextHour
                minute = 0
            }
            let laterMinutes = minutes & (~UInt64(0) << UInt64(minute))
            if laterMinutes == 0 {
                hour += 1
                minute = 0
                if hour == 24 {
                    day += 1
                    hour = 0
                }
                continue
            }
            let result = dayStart + hour * 3600 + laterMinutes.trailingZeroBitCount * 60
            return result < limit ? result : nil
        }
    }

    /// The last matching minute at or before `end` and not before `limit`, in local seconds.
    func lastMatch(atOrBefore end: Int, notBefore limit: Int) -> Int? {
        guard end >= limit else { return nil }
        let aligned = CivilTime.floorDiv(end, 60) * 60
        let dayNumber = CivilTime.floorDiv(aligned, CivilTime.secondsPerDay)
        let secondOfDay = aligned - dayNumber * CivilTime.secondsPerDay
        var (year, month, day) = CivilTime.date(days: dayNumber)
        var hour = secondOfDay / 3600
        var minute = secondOfDay % 3600 / 60

        while true {
            if months & (1 << UInt64(month)) == 0 || day < 1 {
                // Move to the last day of the previous month in the set.
                let earlier = months & ((1 << UInt64(month)) - 1) & 0x1FFE
                if earlier != 0 {
                    month = 63 - earlier.leadingZeroBitCount
                } else {
                    year -= 1
                    month = 63 - months.leadingZeroBitCount
                }
                day = CivilTime.daysInMonth(year: year, month: month)
                hour = 23
                minute = 59
                if (CivilTime.days(year: year, month: month, day: day) + 1) * CivilTime.secondsPerDay <= limit { return nil }
            }
            let days = dayMask(year: year, month: month) & ((2 << UInt64(day)) - 1)
            if days == 0 {
                day = 0
                continue
            }
            let previousDay = 63 - days.leadingZeroBitCount
            if previousDay != day {
                day = previousDay
                hour = 23
                minute = 59
            }
            let dayStart = CivilTime.days(year: year, month: month, day: day) * CivilTime.secondsPerDay
            if dayStart + CivilTime.secondsPerDay <= limit { return nil }
            let earlierHours = hours & ((2 << UInt64(hour)) - 1)
            if earlierHours == 0 {
                day -= 1
                hour = 23
                minute = 59
                continue
            }
            let previousHour = 63 - earlierHours.leadingZeroBitCount
            if previousHour != hour {
                hour = previousHour
                minute = 59
            }
            let earlierMinutes = minutes & ((2 << UInt64(minute)) - 1)
            if earlierMinutes == 0 {
                hour -= 1
                minute = 59
                if hour < 0 {
                    day -= 1
                    hour = 23
                }
                continue
            }
            let result = dayStart + hour * 3600 + (63 - earlierMinutes.leadingZeroBitCount) * 60
            return result >= limit ? result : nil
        }
    }
}
