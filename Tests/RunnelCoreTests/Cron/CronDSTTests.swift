import Foundation
import Testing
@testable import RunnelCore

/// DST behaviour with exact expected timestamps (Debian cron's rules): fixed-time schedules
/// are read on the wall clock, all others follow elapsed time.
@Suite struct CronDSTTests {
    typealias S = CronTestSupport

    // MARK: America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.

    @Test func newYorkSpringForwardFixedTime() throws {
        let ny = "America/New_York"
        // The skipped 02:30 fires at 03:00, the first instant after the gap.
        #expect(try S.fires("30 2 * * *", ny, after: "2026-03-07T12:00:00-05:00", count: 2)
            == ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"])
        #expect(try S.fires("30 2 * * *", ny, after: "2026-03-07T02:30:00-05:00", count: 3)
            == ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"])
        #expect(try S.firesBefore("30 2 * * *", ny, before: "2026-03-09T00:00:00-04:00", count: 2)
            == ["2026-03-08T03:00:00-04:00", "2026-03-07T02:30:00-05:00"])
        // 01:30 exists: unchanged.
        #expect(try S.fires("30 1 * * *", ny, after: "2026-03-07T12:00:00-05:00", count: 2)
            == ["2026-03-08T01:30:00-05:00", "2026-03-09T01:30:00-04:00"])
        // Two skipped slots collapse into one fire at 03:00.
        #expect(try S.fires("0,30 2 * * *", ny, after: "2026-03-07T12:00:00-05:00", count: 2)
            == ["2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00"])
        // A slot that also exists at 03:00 is the same fire.
        #expect(try S.fires("0,30 2-3 * * *", ny, after: "2026-03-08T00:00:00-05:00", count: 3)
            == ["2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00", "2026-03-09T02:00:00-04:00"])
        #expect(try S.firesBefore("0,30 2-3 * * *", ny, before: "2026-03-08T04:00:00-04:00", count: 3)
            == ["2026-03-08T03:30:00-04:00", "2026-03-08T03:00:00-04:00", "2026-03-07T03:30:00-05:00"])
    }

    @Test func newYorkSpringForwardElapsedTime() throws {
        let ny = "America/New_York"
        #expect(try S.fires("*/15 * * * *", ny, after: "2026-03-08T01:30:00-05:00", count: 3)
            == ["2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:15:00-04:00"])
        #expect(try S.fires("0 * * * *", ny, after: "2026-03-08T00:30:00-05:00", count: 3)
            == ["2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"])
        #expect(try S.fires("30 * * * *", ny, after: "2026-03-08T01:00:00-05:00", count: 2)
            == ["2026-03-08T01:30:00-05:00", "2026-03-08T03:30:00-04:00"])
        // Nothing in the skipped hour: `* 2 * * *` does not fire on 2026-03-08 at all.
        #expect(try S.fires("* 2 * * *", ny, after: "2026-03-07T02:59:00-05:00", count: 1) == ["2026-03-09T02:00:00-04:00"])
        #expect(try S.firesBefore("* 2 * * *", ny, before: "2026-03-09T00:00:00-04:00", count: 1) == ["2026-03-07T02:59:00-05:00"])
    }

    @Test func newYorkFallBackFixedTime() throws {
        let ny = "America/New_York"
        // 01:30 happens twice; a fixed-time schedule fires on the first one only.
        #expect(try S.fires("30 1 * * *", ny, after: "2026-11-01T00:00:00-04:00", count: 2)
            == ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"])
        #expect(try S.firesBefore("30 1 * * *", ny, before: "2026-11-01T01:10:00-05:00", count: 1) == ["2026-11-01T01:30:00-04:00"])
        #expect(try S.firesBefore("30 1 * * *", ny, before: "2026-11-02T00:00:00-05:00", count: 2)
            == ["2026-11-01T01:30:00-04:00", "2026-10-31T01:30:00-04:00"])
        // Asked from inside the second 01:xx, the next fire is the next day's.
        #expect(try S.fires("30 1 * * *", ny, after: "2026-11-01T01:10:00-05:00", count: 1) == ["2026-11-02T01:30:00-05:00"])
        #expect(try S.fires("30 2 * * *", ny, after: "2026-11-01T00:00:00-04:00", count: 1) == ["2026-11-01T02:30:00-05:00"])
        #expect(try S.fires("0,30 1 * * *", ny, after: "2026-11-01T00:00:00-04:00", count: 3)
            == ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:00:00-05:00"])
    }

    @Test func newYorkFallBackElapsedTime() throws {
        let ny = "America/New_York"
        #expect(try S.fires("*/15 * * * *", ny, after: "2026-11-01T01:30:00-04:00", count: 3)
            == ["2026-11-01T01:45:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:15:00-05:00"])
        #expect(try S.fires("0 * * * *", ny, after: "2026-11-01T00:30:00-04:00", count: 3)
            == ["2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"])
        #expect(try S.fires("30 * * * *", ny, after: "2026-11-01T00:30:00-04:00", count: 3)
            == ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-05:00"])
        #expect(try S.firesBefore("30 * * * *", ny, before: "2026-11-01T02:00:00-05:00", count: 3)
            == ["2026-11-01T01:30:00-05:00", "2026-11-01T01:30:00-04:00", "2026-11-01T00:30:00-04:00"])
    }

    // MARK: Europe/London: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT.

    @Test func londonSpringForward() throws {
        let london = "Europe/London"
        #expect(try S.fires("30 1 * * *", london, after: "2026-03-28T12:00:00Z", count: 2)
            == ["2026-03-29T02:00:00+01:00", "2026-03-30T01:30:00+01:00"])
        #expect(try S.fires("30 2 * * *", london, after: "2026-03-28T12:00:00Z", count: 1) == ["2026-03-29T02:30:00+01:00"])
        #expect(try S.fires("0,30 1 * * *", london, after: "2026-03-28T12:00:00Z", count: 2)
            == ["2026-03-29T02:00:00+01:00", "2026-03-30T01:00:00+01:00"])
        #expect(try S.fires("*/15 * * * *", london, after: "2026-03-29T00:40:00Z", count: 2)
            == ["2026-03-29T00:45:00+00:00", "2026-03-29T02:00:00+01:00"])
        #expect(try S.fires("30 * * * *", london, after: "2026-03-29T00:00:00Z", count: 2)
            == ["2026-03-29T00:30:00+00:00", "2026-03-29T02:30:00+01:00"])
    }

    @Test func londonFallBack() throws {
        let london = "Europe/London"
        #expect(try S.fires("30 1 * * *", london, after: "2026-10-24T12:00:00+01:00", count: 2)
            == ["2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00+00:00"])
        #expect(try S.fires("30 * * * *", london, after: "2026-10-25T00:00:00+01:00", count: 4) == [
            "2026-10-25T00:30:00+01:00", "2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00+00:00", "2026-10-25T02:30:00+00:00",
        ])
        #expect(try S.fires("*/15 * * * *", london, after: "2026-10-25T01:45:00+01:00", count: 1) == ["2026-10-25T01:00:00+00:00"])
        #expect(try S.fires("0 * * * *", london, after: "2026-10-25T00:30:00+01:00", count: 3)
            == ["2026-10-25T01:00:00+01:00", "2026-10-25T01:00:00+00:00", "2026-10-25T02:00:00+00:00"])
    }

    // MARK: Australia/Sydney: 2026-04-05 03:00 AEDT -> 02:00 AEST; 2026-10-04 02:00 AEST -> 03:00 AEDT.

    @Test func sydneyFallBack() throws {
        let sydney = "Australia/Sydney"
        #expect(try S.fires("30 2 * * *", sydney, after: "2026-04-04T12:00:00+11:00", count: 2)
            == ["2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00"])
        #expect(try S.fires("30 1 * * *", sydney, after: "2026-04-04T12:00:00+11:00", count: 1) == ["2026-04-05T01:30:00+11:00"])
        #expect(try S.fires("0,30 2 * * *", sydney, after: "2026-04-04T12:00:00+11:00", count: 3)
            == ["2026-04-05T02:00:00+11:00", "2026-04-05T02:30:00+11:00", "2026-04-06T02:00:00+10:00"])
        #expect(try S.fires("*/15 * * * *", sydney, after: "2026-04-05T02:30:00+11:00", count: 3)
            == ["2026-04-05T02:45:00+11:00", "2026-04-05T02:00:00+10:00", "2026-04-05T02:15:00+10:00"])
        #expect(try S.fires("30 * * * *", sydney, after: "2026-04-05T01:00:00+11:00", count: 3)
            == ["2026-04-05T01:30:00+11:00", "2026-04-05T02:30:00+11:00", "2026-04-05T02:30:00+10:00"])
    }

    @Test func sydneySpringForward() throws {
        let sydney = "Australia/Sydney"
        #expect(try S.fires("30 2 * * *", sydney, after: "2026-10-03T12:00:00+10:00", count: 2)
            == ["2026-10-04T03:00:00+11:00", "2026-10-05T02:30:00+11:00"])
        #expect(try S.fires("30 1 * * *", sydney, after: "2026-10-03T12:00:00+10:00", count: 1) == ["2026-10-04T01:30:00+10:00"])
        #expect(try S.fires("0,30 2 * * *", sydney, after: "2026-10-03T12:00:00+10:00", count: 2)
            == ["2026-10-04T03:00:00+11:00", "2026-10-05T02:00:00+11:00"])
        #expect(try S.fires("0 * * * *", sydney, after: "2026-10-04T00:30:00+10:00", count: 3)
            == ["2026-10-04T01:00:00+10:00", "2026-10-04T03:00:00+11:00", "2026-10-04T04:00:00+11:00"])
        #expect(try S.fires("*/15 * * * *", sydney, after: "2026-10-04T01:40:00+10:00", count: 2)
            == ["2026-10-04T01:45:00+10:00", "2026-10-04T03:00:00+11:00"])
    }

    // MARK: Unusual transitions.

    @Test func lordHoweHalfHourShift() throws {
        // Australia/Lord_Howe moves by 30 minutes: 2026-10-04 02:00 +10:30 -> 02:30 +11:00.
        let zone = "Australia/Lord_Howe"
        #expect(try S.fires("15 2 * * *", zone, after: "2026-10-03T12:00:00+10:30", count: 2)
            == ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"])
        #expect(try S.fires("*/20 * * * *", zone, after: "2026-10-04T01:50:00+10:30", count: 2)
            == ["2026-10-04T02:40:00+11:00", "2026-10-04T03:00:00+11:00"])
        // 2026-04-05 02:00 +11:00 -> 01:30 +10:30: 01:30-01:59 happens twice.
        #expect(try S.fires("45 1 * * *", zone, after: "2026-04-04T12:00:00+11:00", count: 2)
            == ["2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"])
    }

    @Test func samoaSkippedAWholeDay() throws {
        // Pacific/Apia went from -10:00 to +14:00 at the end of 2011-12-29: 2011-12-30 never happened.
        let apia = "Pacific/Apia"
        #expect(try S.fires("0 9 30 12 *", apia, after: "2011-12-01T00:00:00-10:00", count: 2)
            == ["2011-12-31T00:00:00+14:00", "2012-12-30T09:00:00+14:00"])
        // `0 9 * * *` is fixed-time too: the lost 2011-12-30 09:00 fires once after the gap.
        #expect(try S.fires("0 9 * * *", apia, after: "2011-12-29T00:00:00-10:00", count: 3)
            == ["2011-12-29T09:00:00-10:00", "2011-12-31T00:00:00+14:00", "2011-12-31T09:00:00+14:00"])
        // An elapsed-time schedule simply has nothing on the lost day.
        #expect(try S.fires("0 */12 * * *", apia, after: "2011-12-29T11:00:00-10:00", count: 2)
            == ["2011-12-29T12:00:00-10:00", "2011-12-31T00:00:00+14:00"])
    }
}
