import Testing
@testable import RunnelCore

@Suite struct CronParserTests {
    typealias S = CronTestSupport

    struct Fields: Sendable, CustomStringConvertible {
        var expression: String
        var minutes: [Int]? = nil
        var hours: [Int]? = nil
        var daysOfMonth: [Int]? = nil
        var months: [Int]? = nil
        var daysOfWeek: [Int]? = nil
        var description: String { expression }
    }

    @Test(arguments: [
        Fields(expression: "* * * * *", minutes: Array(0...59), hours: Array(0...23), daysOfMonth: Array(1...31), months: Array(1...12), daysOfWeek: Array(0...6)),
        Fields(expression: "5 4 3 2 1", minutes: [5], hours: [4], daysOfMonth: [3], months: [2], daysOfWeek: [1]),
        Fields(expression: "*/15 * * * *", minutes: [0, 15, 30, 45]),
        Fields(expression: "10-15 * * * *", minutes: [10, 11, 12, 13, 14, 15]),
        Fields(expression: "1,5,10 * * * *", minutes: [1, 5, 10]),
        Fields(expression: "10-30/10 * * * *", minutes: [10, 20, 30]),
        Fields(expression: "10/20 * * * *", minutes: [10, 30, 50]),
        Fields(expression: "1-5,10-20/5,59 * * * *", minutes: [1, 2, 3, 4, 5, 10, 15, 20, 59]),
        Fields(expression: "00 09 * * *", minutes: [0], hours: [9]),
        Fields(expression: "0 */6 * * *", hours: [0, 6, 12, 18]),
        Fields(expression: "0 0 1/10 * *", daysOfMonth: [1, 11, 21, 31]),
        Fields(expression: "0 0 * JAN-MAR *", months: [1, 2, 3]),
        Fields(expression: "0 0 * jan,Jul,DEC *", months: [1, 7, 12]),
        Fields(expression: "0 0 * */3 *", months: [1, 4, 7, 10]),
        Fields(expression: "0 0 * FEB/4 *", months: [2, 6, 10]),
        Fields(expression: "0 0 * * MON-FRI", daysOfWeek: [1, 2, 3, 4, 5]),
        Fields(expression: "0 0 * * sun,Sat", daysOfWeek: [0, 6]),
        Fields(expression: "0 0 * * 7", daysOfWeek: [0]),
        Fields(expression: "0 0 * * 5-7", daysOfWeek: [0, 5, 6]),
        Fields(expression: "0 0 * * 0-7", daysOfWeek: [0, 1, 2, 3, 4, 5, 6]),
        Fields(expression: "0 0 * * */2", daysOfWeek: [0, 2, 4, 6]),
        Fields(expression: "0 0 * * 1/2", daysOfWeek: [0, 1, 3, 5]),
        Fields(expression: "0 0 * * 1-SAT", daysOfWeek: [1, 2, 3, 4, 5, 6]),
        Fields(expression: "  0\t0   *  *  *  ", minutes: [0], hours: [0]),
    ])
    func parsesFieldForms(_ expected: Fields) throws {
        let e = try CronExpression(parsing: expected.expression)
        #expect(e.source == expected.expression)
        if let m = expected.minutes { #expect(S.values(e.minutes) == m) }
        if let h = expected.hours { #expect(S.values(e.hours) == h) }
        if let d = expected.daysOfMonth { #expect(S.values(e.daysOfMonth) == d) }
        if let m = expected.months { #expect(S.values(e.months) == m) }
        if let w = expected.daysOfWeek { #expect(S.values(e.daysOfWeek) == w) }
    }

    @Test(arguments: [
        ("@hourly", "0 * * * *"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"),
        ("@weekly", "0 0 * * 0"), ("@monthly", "0 0 1 * *"), ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"), ("  @Daily  ", "0 0 * * *"), ("@HOURLY", "0 * * * *"),
    ])
    func macrosExpand(_ macro: String, _ expansion: String) throws {
        let a = try CronExpression(parsing: macro)
        let b = try CronExpression(parsing: expansion)
        #expect(a.source == macro)
        #expect([a.minutes, a.hours, a.daysOfMonth, a.months, a.daysOfWeek] == [b.minutes, b.hours, b.daysOfMonth, b.months, b.daysOfWeek])
        #expect(a.daysMustMatchBoth == b.daysMustMatchBoth)
        #expect(a.isFixedTime == b.isFixedTime)
    }

    @Test(arguments: [
        ("30 2 * * *", true), ("0 9 * * 1-5", true), ("0-59 2 * * *", true), ("0,30 1-3 * * *", true),
        ("@daily", true), ("@weekly", true), ("*/15 * * * *", false), ("0 * * * *", false),
        ("* 2 * * *", false), ("*/30 2 * * *", false), ("0 */2 * * *", false), ("@hourly", false),
    ])
    func fixedTimeMeansNeitherMinuteNorHourStartsWithStar(_ text: String, _ fixed: Bool) throws {
        #expect(try CronExpression(parsing: text).isFixedTime == fixed)
    }

    @Test func vixieFlagFollowsTheLeadingStar() throws {
        #expect(try CronExpression(parsing: "0 0 13 * 5").daysMustMatchBoth == false)
        #expect(try CronExpression(parsing: "0 0 * * 5").daysMustMatchBoth == true)
        #expect(try CronExpression(parsing: "0 0 13 * *").daysMustMatchBoth == true)
        #expect(try CronExpression(parsing: "0 0 */2 * 1").daysMustMatchBoth == true)
        #expect(try CronExpression(parsing: "0 0 1-31 * 1").daysMustMatchBoth == false)
    }

    @Test(arguments: [
        ("", "empty cron expression", 0),
        ("   \t ", "empty cron expression", 0),
        ("* * * *", "expected 5 fields, found 4", 7),
        ("0 0 * * * *", "expected 5 fields, found 6", 10),
        ("0 0 * * * * 2026", "expected 5 fields, found 7", 10),
        ("0", "expected 5 fields, found 1", 1),
        ("60 * * * *", "minute value 60 is out of range 0-59", 0),
        ("0 24 * * *", "hour value 24 is out of range 0-23", 2),
        ("0 0 0 * *", "day-of-month value 0 is out of range 1-31", 4),
        ("0 0 32 * *", "day-of-month value 32 is out of range 1-31", 4),
        ("0 0 * 13 *", "month value 13 is out of range 1-12", 6),
        ("0 0 * 0 *", "month value 0 is out of range 1-12", 6),
        ("0 0 * * 8", "day-of-week value 8 is out of range 0-7", 8),
        ("1-60 * * * *", "minute value 60 is out of range 0-59", 2),
        ("99999999999999999999 * * * *", "minute value 99999999999999999999 is out of range 0-59", 0),
        ("30-10 * * * *", "minute range 30-10 is reversed", 0),
        ("0 0 * * FRI-MON", "day-of-week range FRI-MON is reversed", 8),
        ("0 0 * DEC-jan *", "month range DEC-jan is reversed", 6),
        ("*/0 * * * *", "minute step 0 is out of range 1-59", 2),
        ("0 1-5/0 * * *", "hour step 0 is out of range 1-23", 6),
        ("0 */24 * * *", "hour step 24 is out of range 1-23", 4),
        ("*/99999999999999999999 * * * *", "minute step 99999999999999999999 is out of range 1-59", 2),
        ("0 0 * FOO *", "unknown month name 'FOO'", 6),
        ("0 0 * JAN-Foo *", "unknown month name 'Foo'", 10),
        ("0 0 * * MONDAY", "unknown day-of-week name 'MONDAY'", 8),
        ("MON 0 * * *", "minute field accepts only numbers, found 'MON'", 0),
        ("0 0 JAN * *", "day-of-month field accepts only numbers, found 'JAN'", 4),
        ("0 0 L * *", "'L' is not supported", 4),
        ("0 0 l * *", "'L' is not supported", 4),
        ("0 0 15W * *", "'W' is not supported", 6),
        ("0 0 LW * *", "'L' is not supported", 4),
        ("0 0 * * 5L", "'L' is not supported", 9),
        ("0 0 * * MON#2", "'#' is not supported", 11),
        ("0 0 * * 1#3", "'#' is not supported", 9),
        ("0 0 ? * MON", "'?' is not supported", 4),
        ("0 0 * * ?", "'?' is not supported", 8),
        ("@reboot", "'@reboot' is not supported", 0),
        ("@every 5m", "unknown macro '@every'", 0),
        ("  @fortnightly", "unknown macro '@fortnightly'", 2),
        ("@daily 0", "unexpected text after '@daily'", 7),
        ("0 @daily * * *", "unexpected character '@' in the hour field", 2),
        ("1-2-3 * * * *", "unexpected character '-' in the minute field", 3),
        ("*-5 * * * *", "unexpected character '-' in the minute field", 1),
        ("1/2/3 * * * *", "unexpected character '/' in the minute field", 3),
        ("0 0 1.5 * *", "unexpected character '.' in the day-of-month field", 5),
        ("0 0 * * é", "unexpected character 'é' in the day-of-week field", 8),
        ("0 0 * * ٣", "unexpected character '٣' in the day-of-week field", 8),
        ("1, * * * *", "expected a value in the minute field", 2),
        (",1 * * * *", "expected a value in the minute field", 0),
        ("1,,2 * * * *", "expected a value in the minute field", 2),
        ("1- * * * *", "expected a value after '-' in the minute field", 2),
        ("*/ * * * *", "expected a number after '/' in the minute field", 2),
        ("*/a * * * *", "unexpected character 'a' in the minute field", 2),
        ("0  0 \t 32 * *", "day-of-month value 32 is out of range 1-31", 7),
        ("-5 * * * *", "unexpected character '-' in the minute field", 0),
    ])
    func rejectsWithExactMessageAndOffset(_ text: String, _ message: String, _ offset: Int) {
        #expect(throws: CronError(message: message, offset: offset)) {
            try CronExpression(parsing: text)
        }
    }

    @Test func errorDescriptionNamesTheOffset() {
        #expect(CronError(message: "hour value 24 is out of range 0-23", offset: 2).description == "hour value 24 is out of range 0-23 at offset 2")
    }

    @Test func hugeInputsParseOrFailWithoutCrashing() throws {
        let longList = Array(repeating: "1", count: 50_000).joined(separator: ",") + " * * * *"
        #expect(try S.values(CronExpression(parsing: longList).minutes) == [1])
        let longJunk = String(repeating: "x", count: 100_000)
        #expect(throws: CronError(message: "minute field accepts only numbers, found '\(longJunk)'", offset: 0)) {
            try CronExpression(parsing: longJunk + " * * * *")
        }
        let manyFields = Array(repeating: "*", count: 10_000).joined(separator: " ")
        #expect(throws: CronError(message: "expected 5 fields, found 10000", offset: 10)) {
            try CronExpression(parsing: manyFields)
        }
    }

    /// Random, often broken expressions: parsing either succeeds or reports an offset inside
    /// the text, and a schedule built from a successful parse answers without crashing.
    @Test func fuzzedTextNeverCrashes() throws {
        var rng = SeededGenerator(seed: 42)
        let junk = Array("0123456789*/-,LW#?@MONJANfri")
        let pieces = ["*", "*/", "-", "/", ",", "MON", "jan", "SUN", "L", "W", "#", "?", "@daily"]
        func randomField() -> String {
            var text = ""
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: text.append(junk.randomElement(using: &rng) ?? "x")
                case 1, 2: text += pieces.randomElement(using: &rng) ?? "*"
                default: text += String(Int.random(in: 0...(Bool.random(using: &rng) ? 12 : 70), using: &rng))
                }
                if Int.random(in: 0..<3, using: &rng) == 0 { text += ["-", "/", ","].randomElement(using: &rng) ?? "," }
            }
            return text
        }
        let zone = try S.zone("America/New_York")
        let from = try S.date("2026-03-08T01:00:00-05:00")
        var parsed = 0
        for _ in 0..<5000 {
            let fieldCount = Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 0...7, using: &rng) : 5
            let fields = (0..<fieldCount).map { _ in Bool.random(using: &rng) ? "*" : randomField() }
            let text = fields.joined(separator: Bool.random(using: &rng) ? " " : " \t ")
            do {
                let e = try CronExpression(parsing: text)
                parsed += 1
                let s = CronSchedule(e, timeZone: zone)
                if let n = s.next(after: from) { #expect(n > from) }
                if let p = s.previous(before: from) { #expect(p < from) }
            } catch {
                #expect(error.offset >= 0 && error.offset <= text.count, "\(text): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed > 100)
        #expect(parsed < 4900)
    }

    @Test func expressionsWithTheSameTextAreEqual() throws {
        #expect(try CronExpression(parsing: "0 9 * * 1-5") == CronExpression(parsing: "0 9 * * 1-5"))
        #expect(try CronExpression(parsing: "0 9 * * 1-5") != CronExpression(parsing: "0 9 * * MON-FRI"))
        let set: Set<CronExpression> = [try CronExpression(parsing: "@daily"), try CronExpression(parsing: "@daily")]
        #expect(set.count == 1)
    }
}
