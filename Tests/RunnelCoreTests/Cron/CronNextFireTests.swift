import Foundation
import Testing
@testable import RunnelCore

@Suite struct CronNextFireTests {
    typealias S = CronTestSupport

    @Test func stepsFireStrictlyAfterTheGivenInstant() throws {
        #expect(try S.fires("*/5 * * * *", "UTC", after: "2026-01-01T00:02:00Z", count: 3)
            == ["2026-01-01T00:05:00+00:00", "2026-01-01T00:10:00+00:00", "2026-01-01T00:15:00+00:00"])
        #expect(try S.fires("*/5 * * * *", "UTC", after: "2026-01-01T00:05:00Z", count: 1) == ["2026-01-01T00:10:00+00:00"])
        #expect(try S.firesBefore("*/5 * * * *", "UTC", before: "2026-01-01T00:05:00Z", count: 2)
            == ["2026-01-01T00:00:00+00:00", "2025-12-31T23:55:00+00:00"])
    }

    @Test func fractionalSecondsAreHandled() throws {
        let s = try S.schedule("*/5 * * * *")
        #expect(S.iso(s.next(after: try S.date("2026-01-01T00:04:59.500Z")), s.timeZone) == "2026-01-01T00:05:00+00:00")
        #expect(S.iso(s.next(after: try S.date("2026-01-01T00:05:00.250Z")), s.timeZone) == "2026-01-01T00:10:00+00:00")
        #expect(S.iso(s.previous(before: try S.date("2026-01-01T00:05:00.250Z")), s.timeZone) == "2026-01-01T00:05:00+00:00")
        #expect(S.iso(s.previous(before: try S.date("2026-01-01T00:04:59.750Z")), s.timeZone) == "2026-01-01T00:00:00+00:00")
    }

    @Test func weekdaysSkipTheWeekend() throws {
        // 2026-01-02 is a Friday.
        #expect(try S.fires("0 9 * * 1-5", "UTC", after: "2026-01-02T10:00:00Z", count: 2)
            == ["2026-01-05T09:00:00+00:00", "2026-01-06T09:00:00+00:00"])
        #expect(try S.fires("0 22 * * MON-FRI", "UTC", after: "2026-01-02T21:59:00Z", count: 2)
            == ["2026-01-02T22:00:00+00:00", "2026-01-05T22:00:00+00:00"])
    }

    @Test func yearBoundariesAreCrossed() throws {
        #expect(try S.fires("0 0 1 1 *", "UTC", after: "2026-06-01T00:00:00Z", count: 2)
            == ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"])
        #expect(try S.fires("59 23 31 12 *", "UTC", after: "2026-12-31T23:59:00Z", count: 1) == ["2027-12-31T23:59:00+00:00"])
        #expect(try S.fires("*/10 * * * *", "UTC", after: "2026-12-31T23:55:00Z", count: 2)
            == ["2027-01-01T00:00:00+00:00", "2027-01-01T00:10:00+00:00"])
        #expect(try S.firesBefore("*/10 * * * *", "UTC", before: "2027-01-01T00:00:00Z", count: 1) == ["2026-12-31T23:50:00+00:00"])
        #expect(try S.firesBefore("0 12 * * *", "UTC", before: "2027-01-01T06:00:00Z", count: 1) == ["2026-12-31T12:00:00+00:00"])
    }

    @Test func leapDayFiresOnlyInLeapYears() throws {
        #expect(try S.fires("0 0 29 2 *", "UTC", after: "2026-01-01T00:00:00Z", count: 2)
            == ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"])
        // 2100 is not a leap year: eight years between two leap days.
        #expect(try S.fires("0 0 29 2 *", "UTC", after: "2096-03-01T00:00:00Z", count: 1) == ["2104-02-29T00:00:00+00:00"])
        #expect(try S.firesBefore("0 0 29 2 *", "UTC", before: "2104-01-01T00:00:00Z", count: 1) == ["2096-02-29T00:00:00+00:00"])
        #expect(try S.fires("0 0 29 2 *", "UTC", after: "1999-01-01T00:00:00Z", count: 1) == ["2000-02-29T00:00:00+00:00"])
    }

    @Test func day31SkipsShortMonths() throws {
        #expect(try S.fires("0 0 31 * *", "UTC", after: "2026-03-31T00:00:00Z", count: 1) == ["2026-05-31T00:00:00+00:00"])
        #expect(try S.fires("0 0 31 * *", "UTC", after: "2026-01-01T00:00:00Z", count: 7) == [
            "2026-01-31T00:00:00+00:00", "2026-03-31T00:00:00+00:00", "2026-05-31T00:00:00+00:00", "2026-07-31T00:00:00+00:00",
            "2026-08-31T00:00:00+00:00", "2026-10-31T00:00:00+00:00", "2026-12-31T00:00:00+00:00",
        ])
        #expect(try S.firesBefore("0 0 31 * *", "UTC", before: "2026-07-01T00:00:00Z", count: 1) == ["2026-05-31T00:00:00+00:00"])
        #expect(try S.fires("0 0 30 * *", "UTC", after: "2026-02-01T00:00:00Z", count: 1) == ["2026-03-30T00:00:00+00:00"])
    }

    @Test func vixieOrRuleWhenBothDayFieldsAreRestricted() throws {
        // Every 13th and every Friday: 2026-04-13 is a Monday.
        #expect(try S.fires("0 0 13 * 5", "UTC", after: "2026-03-14T00:00:00Z", count: 6) == [
            "2026-03-20T00:00:00+00:00", "2026-03-27T00:00:00+00:00", "2026-04-03T00:00:00+00:00",
            "2026-04-10T00:00:00+00:00", "2026-04-13T00:00:00+00:00", "2026-04-17T00:00:00+00:00",
        ])
        #expect(try S.fires("0 0 * * 5", "UTC", after: "2026-04-10T00:00:00Z", count: 2)
            == ["2026-04-17T00:00:00+00:00", "2026-04-24T00:00:00+00:00"])
        #expect(try S.fires("0 0 13 * *", "UTC", after: "2026-04-01T00:00:00Z", count: 2)
            == ["2026-04-13T00:00:00+00:00", "2026-05-13T00:00:00+00:00"])
        // `0 0 31 2 MON`: Feb 31 never exists, but Mondays of February do.
        #expect(try S.fires("0 0 31 2 MON", "UTC", after: "2026-01-01T00:00:00Z", count: 2)
            == ["2026-02-02T00:00:00+00:00", "2026-02-09T00:00:00+00:00"])
    }

    @Test func aDayFieldStartingWithStarMakesBothRequired() throws {
        // Odd days that are Mondays (Vixie: `*/2` counts as unrestricted, so it is AND).
        #expect(try S.fires("0 0 */2 * 1", "UTC", after: "2026-01-01T00:00:00Z", count: 4) == [
            "2026-01-05T00:00:00+00:00", "2026-01-19T00:00:00+00:00", "2026-02-09T00:00:00+00:00", "2026-02-23T00:00:00+00:00",
        ])
        // Day-of-month 1-31 does not start with '*': OR with Monday, so every day.
        #expect(try S.fires("0 0 1-31 * 1", "UTC", after: "2026-01-01T00:00:00Z", count: 2)
            == ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"])
    }

    @Test func namesAndSevenAsSunday() throws {
        let sundays = ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00"]
        #expect(try S.fires("0 0 * * 7", "UTC", after: "2026-01-01T00:00:00Z", count: 2) == sundays)
        #expect(try S.fires("0 0 * * 0", "UTC", after: "2026-01-01T00:00:00Z", count: 2) == sundays)
        #expect(try S.fires("0 0 * * sun", "UTC", after: "2026-01-01T00:00:00Z", count: 2) == sundays)
        #expect(try S.fires("0 0 * * FRI-7", "UTC", after: "2026-01-01T00:00:00Z", count: 3)
            == ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00"])
        #expect(try S.fires("30 12 1 JUL,dec *", "UTC", after: "2026-01-01T00:00:00Z", count: 3)
            == ["2026-07-01T12:30:00+00:00", "2026-12-01T12:30:00+00:00", "2027-07-01T12:30:00+00:00"])
    }

    @Test(arguments: [
        ("@hourly", ["2026-01-01T11:00:00+00:00", "2026-01-01T12:00:00+00:00"]),
        ("@daily", ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"]),
        ("@midnight", ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"]),
        ("@weekly", ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00"]),
        ("@monthly", ["2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00"]),
        ("@yearly", ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"]),
        ("@annually", ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"]),
    ])
    func macrosFire(_ macro: String, _ expected: [String]) throws {
        #expect(try S.fires(macro, "UTC", after: "2026-01-01T10:30:00Z", count: 2) == expected)
    }

    @Test(arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 FEB *", "* * 30-31 2 *", "0 0 30 2 */2"])
    func schedulesThatNeverFireReturnNil(_ expression: String) throws {
        let s = try S.schedule(expression, "America/New_York")
        let from = try S.date("2026-01-01T00:00:00Z")
        #expect(s.next(after: from) == nil)
        #expect(s.previous(before: from) == nil)
        #expect(s.next(after: from, count: 5).isEmpty)
    }

    @Test func rareAndDateFilteredSchedulesStillFire() throws {
        // `*/7` in day-of-week is Sunday only (0 and 7) and starts with '*', so a day must
        // be both Feb 29 and a Sunday: 28 years apart here, well inside the search horizon.
        #expect(try S.fires("0 0 29 2 */7", "UTC", after: "2026-01-01T00:00:00Z", count: 2)
            == ["2032-02-29T00:00:00+00:00", "2060-02-29T00:00:00+00:00"])
        #expect(try S.firesBefore("0 0 29 2 */7", "UTC", before: "2060-01-01T00:00:00Z", count: 1) == ["2032-02-29T00:00:00+00:00"])
    }

    @Test func countIsClampedAndNonPositiveCountsAreEmpty() throws {
        let s = try S.schedule("* * * * *")
        let from = try S.date("2026-01-01T00:00:00Z")
        #expect(s.next(after: from, count: 0).isEmpty)
        #expect(s.next(after: from, count: -3).isEmpty)
        let many = s.next(after: from, count: Int.max)
        #expect(many.count == CronSchedule.maximumCount)
        #expect(zip(many, many.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 60 })
    }

    @Test func datesOutsideTheSupportedRangeGiveNil() throws {
        let s = try S.schedule("* * * * *")
        for date in [Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: .nan),
                     Date(timeIntervalSince1970: .infinity), Date(timeIntervalSince1970: -.infinity),
                     Date(timeIntervalSince1970: 1e300)] {
            #expect(s.next(after: date) == nil)
            #expect(s.previous(before: date) == nil)
        }
        #expect(S.iso(s.next(after: try S.date("2399-12-31T23:58:00Z")), s.timeZone) == "2399-12-31T23:59:00+00:00")
        #expect(s.next(after: try S.date("2399-12-31T23:59:00Z")) == nil)
        #expect(S.iso(s.previous(before: try S.date("1800-01-01T00:01:00Z")), s.timeZone) == "1800-01-01T00:00:00+00:00")
        #expect(s.previous(before: try S.date("1800-01-01T00:00:00Z")) == nil)
    }

    @Test func halfHourAndQuarterHourZones() throws {
        #expect(try S.fires("0 9 * * *", "Asia/Kolkata", after: "2026-01-01T00:00:00Z", count: 2)
            == ["2026-01-01T09:00:00+05:30", "2026-01-02T09:00:00+05:30"])
        #expect(try S.schedule("0 9 * * *", "Asia/Kolkata").next(after: try S.date("2026-01-01T00:00:00Z"))
            == (try S.date("2026-01-01T03:30:00Z")))
        #expect(try S.fires("0 9 * * *", "Asia/Kathmandu", after: "2026-01-01T00:00:00Z", count: 1) == ["2026-01-01T09:00:00+05:45"])
        // 00:00Z is 05:45 in Kathmandu: the next local quarter hour is 06:00, i.e. 00:15Z.
        #expect(try S.fires("*/15 * * * *", "Asia/Kathmandu", after: "2026-01-01T00:00:00Z", count: 2)
            == ["2026-01-01T06:00:00+05:45", "2026-01-01T06:15:00+05:45"])
        #expect(try S.firesBefore("0 * * * *", "Asia/Kathmandu", before: "2026-01-01T00:00:00Z", count: 1) == ["2026-01-01T05:00:00+05:45"])
    }

    @Test func zoneNames() throws {
        #expect(TimeZone.named("UTC")?.secondsFromGMT() == 0)
        #expect(TimeZone.named("Etc/UTC")?.secondsFromGMT() == 0)
        #expect(TimeZone.named("Asia/Kolkata")?.secondsFromGMT() == 19_800)
        #expect(TimeZone.named("America/New_York") != nil)
        #expect(TimeZone.named("Mars/Olympus_Mons") == nil)
        #expect(TimeZone.named("") == nil)
        #expect(TimeZone.named("America/New_York ") == nil)
        #expect(try S.fires("0 0 * * *", "Etc/UTC", after: "2026-01-01T10:00:00Z", count: 1) == ["2026-01-02T00:00:00+00:00"])
    }
}
