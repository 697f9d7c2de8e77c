public import Foundation
import RunnelCore
public import RunnelEngine

extension Daemon {
    /// Registers the schedules of every runnable workflow and drops the others' (deleted,
    /// paused, draft, archived, or a schedule removed from the file).
    func syncSchedules(now: Date) {
        var wanted: [ScheduleKey: SchedulerStateMachine.Registration] = [:]
        for entry in registry.entries.values where entry.isRunnable {
            guard let workflow = entry.active?.workflow else { continue }
            for (index, trigger) in workflow.triggers.schedules.enumerated() {
                guard let expression = try? CronExpression(parsing: trigger.cron.value),
                      let zone = TimeZone.named(trigger.timezone?.value ?? settings.timezone) else { continue }
                let key = ScheduleKey(workflowID: entry.id, name: trigger.id?.value ?? String(index))
                wanted[key] = .init(schedule: CronSchedule(expression, timeZone: zone), catchup: trigger.catchup)
            }
        }
        for key in scheduler.keys where wanted[key] == nil { scheduler.unregister(key) }
        for (key, registration) in wanted { scheduler.register(key, registration, now: now) }
    }

    /// Fires the schedules due at `now`: a run per fired slot, a `skipped` record per slot
    /// that did not run. Returns the records made.
    @discardableResult
    public func fireDueSchedules(now: Date = Date()) async -> [RunRecord] {
        let actions = scheduler.tick(now: now)
        guard !actions.isEmpty else { return [] }
        var records: [RunRecord] = []
        for action in actions {
            switch action {
            case .fire(let key, let slot):
                scheduleLateness.observe(max(0, now.timeIntervalSince(slot)))
                if let record = await startScheduled(key, slot: slot) { records.append(record) }
            case .skip(let key, let slot, let reason):
                guard let version = registry.entries[key.workflowID]?.active else { continue }
                let pinned = PinnedWorkflow(workflow: version.workflow, commit: version.commit)
                if let record = try? await engine.recordSkipped(pinned, trigger: Self.trigger(key, slot), reason: reason) {
                    records.append(record)
                }
            }
        }
        try? save()
        return records
    }

    private func startScheduled(_ key: ScheduleKey, slot: Date) async -> RunRecord? {
        guard let version = registry.entries[key.workflowID]?.active else { return nil }
        let schedule = version.workflow.triggers.schedules.enumerated().first { index, trigger in
            (trigger.id?.value ?? String(index)) == key.name
        }?.element
        let inputs = (try? schedule?.inputs?.evaluated(in: EvaluationContext()))?.objectValue ?? [:]
        let pinned = PinnedWorkflow(workflow: version.workflow, commit: version.commit)
        do {
            let record = try await engine.start(pinned, inputs: inputs, trigger: Self.trigger(key, slot))
            follow(record.id)
            return record
        } catch {
            // The run was refused (its concurrency policy, its inputs): the slot leaves a trace.
            return try? await engine.recordSkipped(pinned, trigger: Self.trigger(key, slot), reason: error.description)
        }
    }

    static func trigger(_ key: ScheduleKey, _ slot: Date) -> RunTrigger {
        RunTrigger(type: "schedule", details: ["schedule": .string(key.name), "slot": .string(slot.formatted(.iso8601))])
    }
}

extension Daemon {
    /// How many schedules are registered with the scheduler (those of runnable workflows).
    public var scheduleCount: Int { scheduler.keys.count }
}

extension Daemon {
    /// One schedule of a workflow as the daemon runs it.
    public struct ScheduleInfo: Sendable {
        /// `workflow#name`: the schedule's identity.
        public var id: String
        public var cron: String
        public var timezone: String
        public var catchup: String
        /// The next fire times (none for a workflow that isn't active).
        public var next: [Date]
        /// The last slot handled (fired or skipped), when any.
        public var handledThrough: Date?
    }

    /// The schedules of workflow `id`, with their next `count` fire times.
    public func schedules(of id: String, count: Int = 3, now: Date = Date()) -> [ScheduleInfo]? {
        guard let entry = registry.entries[id], let workflow = entry.active?.workflow else { return nil }
        return workflow.triggers.schedules.enumerated().map { index, trigger in
            let key = ScheduleKey(workflowID: id, name: trigger.id?.value ?? String(index))
            let zone = trigger.timezone?.value ?? settings.timezone
            var next: [Date] = []
            if entry.isRunnable, let expression = try? CronExpression(parsing: trigger.cron.value), let timeZone = TimeZone.named(zone) {
                next = CronSchedule(expression, timeZone: timeZone).next(after: now, count: count)
            }
            return ScheduleInfo(id: key.description, cron: trigger.cron.value, timezone: zone, catchup: trigger.catchup.rawValue,
                                next: next, handledThrough: scheduler.handledThrough[key])
        }
    }
}
