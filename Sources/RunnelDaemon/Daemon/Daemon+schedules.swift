public import Foundation
import RunnelCore
public import RunnelEngine

extension Daemon {
    /// Registers the schedules of every runnable workflow and drops the others' (deleted,
    /// paused, draft, archived, or a schedule removed from the file). With `only`, just those
    /// workflows' schedules are brought in step (a reconcile that changed a few files).
    func syncSchedules(now: Date, only: Set<String>? = nil) {
        if let only, only.count <= 64 {
            for id in only {
                let wanted = wantedSchedules(registry.entries[id].map { [$0] } ?? [])
                for key in scheduler.keys(of: id) where wanted[key] == nil { scheduler.unregister(key) }
                for (key, registration) in wanted { scheduler.register(key, registration, now: now) }
            }
            return
        }
        let wanted = wantedSchedules(Array(registry.entries.values))
        for key in scheduler.keys where wanted[key] == nil { scheduler.unregister(key) }
        for (key, registration) in wanted { scheduler.register(key, registration, now: now) }
        schedulesSynced = true
    }

    private func wantedSchedules(_ entries: [WorkflowEntry]) -> [ScheduleKey: SchedulerStateMachine.Registration] {
        var wanted: [ScheduleKey: SchedulerStateMachine.Registration] = [:]
        for entry in entries where entry.isRunnable {
            guard let workflow = entry.active?.workflow else { continue }
            for (index, trigger) in workflow.triggers.schedules.enumerated() {
                guard let expression = try? CronExpression(parsing: trigger.cron.value),
                      let zone = TimeZone.named(trigger.timezone?.value ?? settings.timezone) else { continue }
                let key = ScheduleKey(workflowID: entry.id, name: trigger.id?.value ?? String(index))
                wanted[key] = .init(schedule: CronSchedule(expression, timeZone: zone), catchup: trigger.catchup)
            }
        }
        return wanted
    }

    /// Fires the schedules due at `now`: a run per fired slot, a `skipped` record per slot
    /// that did not run. Returns the records made.
    @discardableResult
    public func fireDueSchedules(now: Date = Date()) async -> [RunRecord] {
        let actions = scheduler.tick(now: now)
        guard !actions.isEmpty else { return [] }
        // Workflows start at once, side by side (their records' syncs are shared); the slots of
        // one workflow start in order, as its concurrency policy expects.
        var byWorkflow: [String: [(index: Int, action: SchedulerStateMachine.Action)]] = [:]
        for (index, action) in actions.enumerated() {
            if case .fire(_, let slot) = action { engine.metrics.recordScheduleLateness(seconds: max(0, now.timeIntervalSince(slot))) }
            byWorkflow[action.key.workflowID, default: []].append((index, action))
        }
        var made: [(Int, RunRecord)] = []
        await withTaskGroup(of: [(Int, RunRecord)].self) { group in
            for list in byWorkflow.values {
                group.addTask {
                    var out: [(Int, RunRecord)] = []
                    for (index, action) in list {
                        if let record = await self.perform(action) { out.append((index, record)) }
                    }
                    return out
                }
            }
            for await part in group { made += part }
        }
        let records = made.sorted { $0.0 < $1.0 }.map(\.1)
        try? save()
        return records
    }

    private func perform(_ action: SchedulerStateMachine.Action) async -> RunRecord? {
        switch action {
        case .fire(let key, let slot):
            return await startScheduled(key, slot: slot)
        case .skip(let key, let slot, let reason):
            guard let version = registry.entries[key.workflowID]?.active else { return nil }
            let pinned = version.pinned
            return try? await engine.recordSkipped(pinned, trigger: Self.trigger(key, slot), reason: reason)
        }
    }

    private func startScheduled(_ key: ScheduleKey, slot: Date) async -> RunRecord? {
        guard let version = registry.entries[key.workflowID]?.active else { return nil }
        let schedule = version.workflow.triggers.schedules.enumerated().first { index, trigger in
            (trigger.id?.value ?? String(index)) == key.name
        }?.element
        let inputs = (try? schedule?.inputs?.evaluated(in: EvaluationContext()))?.objectValue ?? [:]
        let pinned = version.pinned
        do {
            let record = try await engine.start(pinned, inputs: inputs, trigger: Self.trigger(key, slot))
            follow(record.id, announce: false)
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
