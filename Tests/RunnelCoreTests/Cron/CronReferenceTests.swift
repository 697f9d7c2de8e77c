import Foundation
import Testing
@testable import RunnelCore

/// Cross-checks against brute-force references that walk minute by minute and read the
/// calendar through Foundation's `Calendar`, not through the code under test.
@Suite struct CronReferenceTests {
    typealias S = CronTestSupport

    /// A cron expression together with the value sets it should mean, built independently.
    struct Spec: CustomStringConvertible {
        var text: String
        var minutes: Set<Int>
        var hours: Set<Int>
        var daysOfMonth: Set<Int>
        var months: Set<Int>
        var daysOfWeek: Set<Int>
        var dayOfMonthStar: Bool
        var dayOfWeekStar: Bool
        var description: String { text }

        var isFixedTime: Bool {
            let fields = text.split(separator: " ")
            return !fields[0].hasPrefix("*") && !fields[1].hasPrefix("*")
        }

        func matchesDay(_ c: DateComponents) -> Bool {
            guard let month = c.month, let day = c.day, let weekday = c.weekday, months.contains(month) else { return false }
            let domOK = daysOfMonth.contains(day)
            let dowOK = daysOfWeek.contains(weekday - 1)
            return dayOfMonthStar || dayOfWeekStar ? domOK && dowOK : domOK || dowOK
        }

        func matches(_ c: DateComponents) -> Bool {
            guard let hour = c.hour, let minute = c.minute else { return false }
            return matchesDay(c) && hours.contains(hour) && minutes.contains(minute)
        }
    }

    /// One random field: its text, values, and whether it starts with `*`.
    static func randomField(_ low: Int, _ high: Int, names: [String]?, nameBase: Int, starBias: Int,
                            using rng: inout SeededGenerator) -> (String, Set<Int>, Bool) {
        func render(_ v: Int) -> String {
            if let names, v - nameBase >= 0, v - nameBase < names.count, Int.random(in: 0..<3, using: &rng) == 0 {
                let name = names[v - nameBase]
                return Bool.random(using: &rng) ? name : name.lowercased()
            }
            return String(v)
        }
        func item() -> (String, Set<Int>) {
            let a = Int.random(in: low...high, using: &rng)
            let b = Int.random(in: a...high, using: &rng)
            let n = Int.random(in: 1...max(1, (high - low) / 2), using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return (render(a), [a])
            case 1: return ("\(render(a))-\(render(b))", Set(a...b))
            case 2: return ("\(render(a))-\(render(b))/\(n)", Set(stride(from: a, through: b, by: n)))
            default: return ("\(render(a))/\(n)", Set(stride(from: a, through: high, by: n)))
            }
        }
        let roll = Int.random(in: 0..<10, using: &rng)
        if roll < starBias {
            return ("*", Set(low...high), true)
        }
        if roll == starBias {
            let n = Int.random(in: 1...high, using: &rng)
            return ("*/\(n)", Set(stride(from: low, through: high, by: n)), true)
        }
        var texts: [String] = []
        var values: Set<Int> = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let (t, v) = item()
            texts.append(t)
            values.formUnion(v)
        }
        return (texts.joined(separator: ","), values, false)
    }

    static func randomSpec(using rng: inout SeededGenerator) -> Spec {
        let minute = randomField(0, 59, names: nil, nameBase: 0, starBias: 2, using: &rng)
        let hour = randomField(0, 23, names: nil, nameBase: 0, starBias: 3, using: &rng)
        let dom = randomField(1, 31, names: nil, nameBase: 1, starBias: 6, using: &rng)
        let month = randomField(1, 12, names: CronField.monthNames, nameBase: 1, starBias: 6, using: &rng)
        let dow = randomField(0, 7, names: CronField.weekdayNames, nameBase: 0, starBias: 6, using: &rng)
        let weekdays = Set(dow.1.map { $0 == 7 ? 0 : $0 })
        return Spec(text: [minute.0, hour.0, dom.0, month.0, dow.0].joined(separator: " "),
                    minutes: minute.1, hours: hour.1, daysOfMonth: dom.1, months: month.1, daysOfWeek: weekdays,
                    dayOfMonthStar: dom.2, dayOfWeekStar: dow.2)
    }

    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        return calendar
    }()

    static func components(_ seconds: Int) -> DateComponents {
        utcCalendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: Date(timeIntervalSince1970: Double(seconds)))
    }

    /// Brute force in UTC: the first matching minute strictly after `date`, day by day and
    /// then minute by minute, within `days` days.
    static func referenceNext(_ spec: Spec, after date: Int, days: Int) -> Int? {
        let first = (date / 60 + 1) * 60
        let firstDay = first / 86_400 * 86_400
        for dayIndex in 0..<days {
            let dayStart = firstDay + dayIndex * 86_400
            guard spec.matchesDay(components(dayStart)) else { continue }
            for minuteOfDay in 0..<1440 {
                let t = dayStart + minuteOfDay * 60
                if t >= first, spec.hours.contains(minuteOfDay / 60), spec.minutes.contains(minuteOfDay % 60) { return t }
            }
        }
        return nil
    }

    /// Brute force in UTC: the last matching minute strictly before `date`.
    static func referencePrevious(_ spec: Spec, before date: Int, days: Int) -> Int? {
        let last = (date + 59) / 60 * 60 - 60
        let lastDay = last / 86_400 * 86_400
        for dayIndex in 0..<days {
            let dayStart = lastDay - dayIndex * 86_400
            guard spec.matchesDay(components(dayStart)) else { continue }
            for minuteOfDay in stride(from: 1439, through: 0, by: -1) {
                let t = dayStart + minuteOfDay * 60
                if t <= last, spec.hours.contains(minuteOfDay / 60), spec.minutes.contains(minuteOfDay % 60) { return t }
            }
        }
        return nil
    }

    @Test func randomExpressionsMatchBruteForceInUTC() throws {
        var rng = SeededGenerator(seed: 2026)
        let horizonDays = 4 * 366 + 2
        let utc = try S.zone("UTC")
        var checked = 0
        for _ in 0..<300 {
            let spec = Self.randomSpec(using: &rng)
            let expression = try CronExpression(parsing: spec.text)
            #expect(S.values(expression.minutes) == spec.minutes.sorted(), "\(spec)")
            #expect(S.values(expression.daysOfWeek) == spec.daysOfWeek.sorted(), "\(spec)")
            let schedule = CronSchedule(expression, timeZone: utc)
            for _ in 0..<2 {
                // Any second between 2020 and 2030.
                let from = Int.random(in: 1_577_836_800...1_893_456_000, using: &rng)
                let date = Date(timeIntervalSince1970: Double(from))
                let next = schedule.next(after: date).map { Int($0.timeIntervalSince1970) }
                if let expected = Self.referenceNext(spec, after: from, days: horizonDays) {
                    #expect(next == expected, "\(spec) after \(from)")
                } else {
                    #expect(next == nil || next.map { $0 - from > (horizonDays - 1) * 86_400 } == true, "\(spec) after \(from)")
                }
                let previous = schedule.previous(before: date).map { Int($0.timeIntervalSince1970) }
                if let expected = Self.referencePrevious(spec, before: from, days: horizonDays) {
                    #expect(previous == expected, "\(spec) before \(from)")
                } else {
                    #expect(previous == nil || previous.map { from - $0 > (horizonDays - 1) * 86_400 } == true, "\(spec) before \(from)")
                }
                checked += 1
            }
        }
        #expect(checked == 600)
    }

    // MARK: DST: a brute-force reference of the fire set around real transitions.

    /// Hand-written hour and minute fields, with their values, around the small hours.
    static let hourFields: [(String, Set<Int>)] = [
        ("1", [1]), ("2", [2]), ("3", [3]), ("1-3", [1, 2, 3]), ("0,2", [0, 2]),
        ("*/2", Set(stride(from: 0, through: 23, by: 2))), ("*", Set(0...23)), ("2-3/1", [2, 3]),
    ]
    static let minuteFields: [(String, Set<Int>)] = [
        ("0", [0]), ("30", [30]), ("*/15", [0, 15, 30, 45]), ("0,30", [0, 30]), ("59", [59]),
        ("*", Set(0...59)), ("15-45/10", [15, 25, 35, 45]),
    ]

    /// The fire set of `spec` in `[start, end)` by the rules themselves, minute by minute:
    /// wall times come from Foundation; a fixed-time schedule fires on a wall minute's first
    /// occurrence and once at the first instant after a gap that swallowed a matching minute.
    static func referenceFires(_ spec: Spec, wall: [(instant: Int, wall: Int)]) -> [Int] {
        var fires: [Int] = []
        var maxWall = Int.min
        var previousWall: Int?
        let fixed = spec.isFixedTime
        for (instant, w) in wall {
            var fire = false
            if fixed {
                if let p = previousWall, w > p + 60 {
                    fire = stride(from: p + 60, to: w, by: 60).contains { spec.matches(components($0)) }
                }
                if w > maxWall, spec.matches(components(w)) { fire = true }
            } else if spec.matches(components(w)) {
                fire = true
            }
            if fire { fires.append(instant) }
            maxWall = max(maxWall, w)
            previousWall = w
        }
        return fires
    }

    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Sydney", "Australia/Lord_Howe"])
    func dstFireSetsMatchTheBruteForceReference(_ zoneName: String) throws {
        let zone = try S.zone(zoneName)
        var zoneCalendar = Calendar(identifier: .gregorian)
        zoneCalendar.timeZone = zone
        var transitions: [Int] = []
        var cursor = try S.date("2026-01-01T00:00:00Z")
        while transitions.count < 2, let t = zone.nextDaylightSavingTimeTransition(after: cursor) {
            transitions.append(Int(t.timeIntervalSince1970))
            cursor = t
        }
        #expect(transitions.count == 2)
        for transition in transitions {
            let start = transition / 60 * 60 - 36 * 3600
            let end = start + 72 * 3600
            // Wall time of every UTC minute in the window, via Foundation.
            let wall: [(instant: Int, wall: Int)] = stride(from: start, to: end, by: 60).map { t in
                let c = zoneCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: Double(t)))
                let w = Self.utcCalendar.date(from: c).map { Int($0.timeIntervalSince1970) } ?? 0
                return (t, w)
            }
            for (hourText, hours) in Self.hourFields {
                for (minuteText, minutes) in Self.minuteFields {
                    let spec = Spec(text: "\(minuteText) \(hourText) * * *", minutes: minutes, hours: hours,
                                    daysOfMonth: Set(1...31), months: Set(1...12), daysOfWeek: Set(0...6),
                                    dayOfMonthStar: true, dayOfWeekStar: true)
                    let schedule = CronSchedule(try CronExpression(parsing: spec.text), timeZone: zone)
                    let expected = Self.referenceFires(spec, wall: wall)
                    var forward: [Int] = []
                    var date = Date(timeIntervalSince1970: Double(start - 1))
                    while let fire = schedule.next(after: date), fire.timeIntervalSince1970 < Double(end) {
                        forward.append(Int(fire.timeIntervalSince1970))
                        date = fire
                    }
                    var backward: [Int] = []
                    date = Date(timeIntervalSince1970: Double(end))
                    while let fire = schedule.previous(before: date), fire.timeIntervalSince1970 >= Double(start) {
                        backward.append(Int(fire.timeIntervalSince1970))
                        date = fire
                    }
                    #expect(forward == expected, "\(spec) in \(zoneName) around \(transition)")
                    #expect(backward == expected.reversed(), "\(spec) in \(zoneName) around \(transition)")
                }
            }
        }
    }

    // MARK: previous(before:) mirrors next(after:).

    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "UTC", "Pacific/Apia"])
    func previousMirrorsNextAcrossDSTDays(_ zoneName: String) throws {
        let zone = try S.zone(zoneName)
        var rng = SeededGenerator(seed: UInt64(zoneName.utf8.count) &* 7919)
        let expressions = ["*/5 * * * *", "0 9 * * 1-5", "30 2 * * *", "0 0 1 * *", "15 14 1 * *", "0 22 * * 1-5",
                           "0 0 29 2 *", "@hourly", "30 1 * * *", "0,30 2 * * *", "*/15 * * * *", "30 * * * *",
                           "0-59/7 1-3 * * *", "59 1 * * 0"]
        // Instants near every transition of 2026 (and Apia's 2011 day skip), plus random ones.
        var anchors: [Int] = [1_325_239_200]
        var cursor = try S.date("2026-01-01T00:00:00Z")
        while let t = zone.nextDaylightSavingTimeTransition(after: cursor), t < (try S.date("2027-01-01T00:00:00Z")) {
            anchors.append(Int(t.timeIntervalSince1970))
            cursor = t
        }
        anchors.append(1_767_225_600)
        for text in expressions {
            let schedule = CronSchedule(try CronExpression(parsing: text), timeZone: zone)
            for _ in 0..<60 {
                let anchor = anchors.randomElement(using: &rng) ?? 0
                let d = anchor + Int.random(in: -2 * 86_400...2 * 86_400, using: &rng)
                let date = Date(timeIntervalSince1970: Double(d))
                let next = schedule.next(after: date)
                let previous = schedule.previous(before: date)
                if let next { #expect(next > date) }
                if let previous { #expect(previous < date) }
                // The first fire at or after d, seen from the previous fire, is the same.
                if let previous {
                    #expect(schedule.next(after: previous) == schedule.next(after: date.addingTimeInterval(-1)), "\(text) \(zoneName) at \(d)")
                }
                // The last fire at or before d, seen from the next fire, is the same.
                if let next {
                    #expect(schedule.previous(before: next) == schedule.previous(before: date.addingTimeInterval(1)), "\(text) \(zoneName) at \(d)")
                }
            }
        }
    }
}
