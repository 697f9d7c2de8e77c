import Foundation
import RunnelCore
import Testing
@testable import RunnelDaemon

/// The scheduler's decisions, driven by a fake clock (plain instants passed to `tick`).
@Suite struct SchedulerStateMachineTests {
    static func at(_ text: String) throws -> Date {
        try #require(try? Date(text, strategy: .iso8601))
    }

    static func registration(_ cron: String, zone: String = "UTC", catchup: CatchupPolicy = .last) throws -> SchedulerStateMachine.Registration {
        let expression = try CronExpression(parsing: cron)
        let timeZone = try #require(TimeZone.named(zone))
        return .init(schedule: CronSchedule(expression, timeZone: timeZone), catchup: catchup)
    }

    static let key = ScheduleKey(workflowID: "reports/daily", name: "0")

    @Test func firesEachSlotOnceWhenItIsDue() throws {
        var machine = SchedulerStateMachine()
        machine.register(Self.key, try Self.registration("*/5 * * * *"), now: try Self.at("2026-03-02T10:02:00Z"))
        #expect(machine.nextWake() == (try Self.at("2026-03-02T10:05:00Z")))
        #expect(machine.tick(now: try Self.at("2026-03-02T10:04:59Z")).isEmpty)
        #expect(machine.tick(now: try Self.at("2026-03-02T10:05:00.020Z")) == [.fire(Self.key, slot: try Self.at("2026-03-02T10:05:00Z"))])
        #expect(machine.tick(now: try Self.at("2026-03-02T10:05:01Z")).isEmpty)
        #expect(machine.nextWake() == (try Self.at("2026-03-02T10:10:00Z")))
    }

    @Test func aRestartNeverFiresASlotTwice() throws {
        var first = SchedulerStateMachine()
        first.register(Self.key, try Self.registration("*/5 * * * *"), now: try Self.at("2026-03-02T10:02:00Z"))
        #expect(first.tick(now: try Self.at("2026-03-02T10:05:00Z")).count == 1)

        var second = SchedulerStateMachine(handledThrough: first.handledThrough)
        second.register(Self.key, try Self.registration("*/5 * * * *"), now: try Self.at("2026-03-02T10:06:00Z"))
        #expect(second.tick(now: try Self.at("2026-03-02T10:06:00Z")).isEmpty)
        #expect(second.nextWake() == (try Self.at("2026-03-02T10:10:00Z")))
    }

    @Test func catchupLastFiresTheLatestMissedSlotAndSkipsTheRest() throws {
        var machine = SchedulerStateMachine(handledThrough: [Self.key: try Self.at("2026-03-02T10:05:00Z")])
        machine.register(Self.key, try Self.registration("*/5 * * * *", catchup: .last), now: try Self.at("2026-03-02T10:31:00Z"))
        let actions = machine.tick(now: try Self.at("2026-03-02T10:31:00Z"))
        let reason = "superseded by a later slot (catchup: last)"
        #expect(actions == [
            .skip(Self.key, slot: try Self.at("2026-03-02T10:10:00Z"), reason: reason),
            .skip(Self.key, slot: try Self.at("2026-03-02T10:15:00Z"), reason: reason),
            .skip(Self.key, slot: try Self.at("2026-03-02T10:20:00Z"), reason: reason),
            .skip(Self.key, slot: try Self.at("2026-03-02T10:25:00Z"), reason: reason),
            .fire(Self.key, slot: try Self.at("2026-03-02T10:30:00Z")),
        ])
    }

    @Test func catchupNoneFiresOnlyASlotThatIsDueNow() throws {
        let reason = "missed while the scheduler was not running (catchup: none)"
        var late = SchedulerStateMachine(handledThrough: [Self.key: try Self.at("2026-03-02T10:05:00Z")])
        late.register(Self.key, try Self.registration("*/5 * * * *", catchup: .none), now: try Self.at("2026-03-02T10:32:00Z"))
        let skipped = late.tick(now: try Self.at("2026-03-02T10:32:00Z"))
        #expect(skipped.count == 5)
        #expect(skipped.allSatisfy { if case .skip(_, _, reason) = $0 { true } else { false } })

        var onTime = SchedulerStateMachine(handledThrough: [Self.key: try Self.at("2026-03-02T10:05:00Z")])
        onTime.register(Self.key, try Self.registration("*/5 * * * *", catchup: .none), now: try Self.at("2026-03-02T10:30:20Z"))
        let actions = onTime.tick(now: try Self.at("2026-03-02T10:30:20Z"))
        #expect(actions.last == .fire(Self.key, slot: try Self.at("2026-03-02T10:30:00Z")))
        #expect(actions.dropLast().count == 4)
    }

    @Test func catchupAllFiresEveryMissedSlotUpToTheBound() throws {
        var machine = SchedulerStateMachine(handledThrough: [Self.key: try Self.at("2026-03-02T07:00:00Z")])
        machine.register(Self.key, try Self.registration("* * * * *", catchup: .all), now: try Self.at("2026-03-02T10:00:30Z"))
        let actions = machine.tick(now: try Self.at("2026-03-02T10:00:30Z"))
        let fired = actions.compactMap { if case .fire(_, let slot) = $0 { slot } else { nil } }
        let skipped = actions.filter { if case .skip = $0 { true } else { false } }
        #expect(fired.count == SchedulerStateMachine.catchupBound)
        #expect(fired.first == (try Self.at("2026-03-02T08:21:00Z")))
        #expect(fired.last == (try Self.at("2026-03-02T10:00:00Z")))
        #expect(skipped.count == 180 - SchedulerStateMachine.catchupBound)
        #expect(fired == fired.sorted())
    }

    @Test func aHugeGapIsBoundedAndReportedOnce() throws {
        var machine = SchedulerStateMachine(handledThrough: [Self.key: try Self.at("2025-03-02T10:00:00Z")])
        machine.register(Self.key, try Self.registration("* * * * *"), now: try Self.at("2026-03-02T10:00:00Z"))
        let actions = machine.tick(now: try Self.at("2026-03-02T10:00:00Z"))
        #expect(actions.count == SchedulerStateMachine.walkLimit + 1)
        guard case .skip(_, _, let reason)? = actions.first else {
            Issue.record("the first action should report the older slots")
            return
        }
        #expect(reason.hasPrefix("more than 1000 slots were missed since 2025-03-02T10:00:00Z"))
        #expect(actions.last == .fire(Self.key, slot: try Self.at("2026-03-02T10:00:00Z")))
    }

    @Test func aFixedTimeScheduleInTheSkippedHourFiresAfterTheGap() throws {
        var machine = SchedulerStateMachine()
        machine.register(Self.key, try Self.registration("30 2 * * *", zone: "America/New_York"), now: try Self.at("2026-03-07T12:00:00Z"))
        // 2026-03-08 02:30 doesn't exist in New York: it fires at 03:00 EDT = 07:00Z.
        #expect(machine.nextWake() == (try Self.at("2026-03-08T07:00:00Z")))
        #expect(machine.tick(now: try Self.at("2026-03-08T07:00:00Z")) == [.fire(Self.key, slot: try Self.at("2026-03-08T07:00:00Z"))])
        #expect(machine.nextWake() == (try Self.at("2026-03-09T06:30:00Z")))
    }

    @Test func manySchedulesShareOneTimerAndFireInSlotOrder() throws {
        var machine = SchedulerStateMachine()
        let now = try Self.at("2026-03-02T10:00:30Z")
        let hourly = try Self.registration("0 * * * *"), quarter = try Self.registration("*/15 * * * *")
        for index in 0..<10_000 {
            machine.register(ScheduleKey(workflowID: "w\(index)", name: "0"), index % 2 == 0 ? hourly : quarter, now: now)
        }
        #expect(machine.nextWake() == (try Self.at("2026-03-02T10:15:00Z")))
        let quarterPast = machine.tick(now: try Self.at("2026-03-02T10:15:00Z"))
        #expect(quarterPast.count == 5_000)
        #expect(machine.tick(now: try Self.at("2026-03-02T10:59:59Z")).count == 5_000 * 2)
        #expect(machine.tick(now: try Self.at("2026-03-02T11:00:00Z")).count == 10_000)
    }

    @Test func unregisteringStopsAScheduleEditingKeepsItsStateAndARenameMovesIt() throws {
        var machine = SchedulerStateMachine()
        machine.register(Self.key, try Self.registration("*/5 * * * *"), now: try Self.at("2026-03-02T10:02:00Z"))
        #expect(machine.tick(now: try Self.at("2026-03-02T10:05:00Z")).count == 1)
        // A new cron keeps the state: no slot between 10:05 and now is fired again.
        machine.register(Self.key, try Self.registration("*/10 * * * *"), now: try Self.at("2026-03-02T10:06:00Z"))
        #expect(machine.nextWake() == (try Self.at("2026-03-02T10:10:00Z")))

        machine.renameWorkflow(from: "reports/daily", to: "reports/morning", now: try Self.at("2026-03-02T10:06:00Z"))
        let renamed = ScheduleKey(workflowID: "reports/morning", name: "0")
        #expect(machine.keys == [renamed])
        #expect(machine.handledThrough[renamed] == (try Self.at("2026-03-02T10:05:00Z")))
        #expect(machine.tick(now: try Self.at("2026-03-02T10:10:00Z")) == [.fire(renamed, slot: try Self.at("2026-03-02T10:10:00Z"))])

        machine.unregister(renamed)
        #expect(machine.nextWake() == nil)
        #expect(machine.tick(now: try Self.at("2026-03-02T11:00:00Z")).isEmpty)
        #expect(machine.handledThrough.isEmpty)
    }
}
