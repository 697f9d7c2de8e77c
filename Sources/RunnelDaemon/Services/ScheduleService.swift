public import Foundation
import Logging
import RunnelCore
public import RunnelEngine
public import ServiceLifecycle

/// Fires the schedules of the runnable workflows on time: keeps the scheduler's timers
/// (``SchedulerStateMachine``) in step with each snapshot the reconcile service hands it,
/// starts a run per due slot through the ``RunLauncher`` (a `skipped` record per slot that
/// did not run), and keeps its own ledger of handled slots so a restart fires nothing twice.
public actor ScheduleService: Service {
    let engine: Engine
    let launcher: RunLauncher
    let state: String
    let logger: Logger
    var scheduler = SchedulerStateMachine()
    /// Whether every workflow's schedules were registered once (later syncs take only what changed).
    var synced = false
    /// The snapshot the timers were last brought in step with.
    var snapshot = WorkflowSnapshot()
    /// Wakes ``run()`` when the timers changed.
    let wakeup = Wakeup()

    init(engine: Engine, launcher: RunLauncher, state: String, logger: Logger) {
        self.engine = engine
        self.launcher = launcher
        self.state = state
        self.logger = logger
    }

    /// Fires each slot when it is due until the graceful shutdown.
    public func run() async {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                let wake = await nextWake() ?? Date().addingTimeInterval(3600)
                await wakeup.wait(for: Duration.sleep(seconds: max(0, wake.timeIntervalSinceNow)) + .microseconds(200))
                if Task.isCancelled { break }
                await fireDueSchedules(now: Date())
            }
        }
    }

    /// Restores the handled-through instants saved by the last daemon.
    func restore(_ times: [String: Date]) {
        scheduler = SchedulerStateMachine(handledThrough: Dictionary(times.compactMap { key, date in
            ScheduleKey(parsing: key).map { ($0, date) }
        }) { first, _ in first })
    }

    /// Brings the timers in step with `snapshot`: the schedules of every runnable workflow,
    /// or with `changed` just those workflows' (renamed ones move their progress along).
    func sync(_ snapshot: WorkflowSnapshot, changed: Set<String>?, renamed: [ReconcileReport.Rename] = [], now: Date) {
        self.snapshot = snapshot
        for rename in renamed { scheduler.renameWorkflow(from: rename.from, to: rename.to, now: now) }
        if synced, let changed, changed.count <= 64 {
            for id in changed {
                let wanted = wantedSchedules(snapshot.workflows[id].map { [$0] } ?? [])
                for key in scheduler.keys(of: id) where wanted[key] == nil { scheduler.unregister(key) }
                for (key, registration) in wanted { scheduler.register(key, registration, now: now) }
            }
        } else {
            let wanted = wantedSchedules(Array(snapshot.workflows.values))
            for key in scheduler.keys where wanted[key] == nil { scheduler.unregister(key) }
            for (key, registration) in wanted { scheduler.register(key, registration, now: now) }
            synced = true
        }
        wakeup.signal()
    }

    private func wantedSchedules(_ entries: [WorkflowEntry]) -> [ScheduleKey: SchedulerStateMachine.Registration] {
        var wanted: [ScheduleKey: SchedulerStateMachine.Registration] = [:]
        for entry in entries where entry.isRunnable {
            guard let workflow = entry.active?.workflow else { continue }
            for (index, trigger) in workflow.triggers.schedules.enumerated() {
                // A valid workflow's cron and zone parse (the validator checked them).
                guard let expression = try? CronExpression(parsing: trigger.cron.value),
                      let zone = TimeZone.named(trigger.timezone?.value ?? snapshot.settings.timezone) else { continue }
                let key = ScheduleKey(workflowID: entry.id, name: trigger.id?.value ?? String(index))
                wanted[key] = .init(schedule: CronSchedule(expression, timeZone: zone), catchup: trigger.catchup)
            }
        }
        return wanted
    }

    /// When the scheduler next needs to run.
    public func nextWake() -> Date? { scheduler.nextWake() }

    /// How many schedules are registered (those of runnable workflows).
    public var scheduleCount: Int { scheduler.keys.count }

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
        let workflows = snapshot.workflows
        var made: [(Int, RunRecord)] = []
        await withTaskGroup(of: [(Int, RunRecord)].self) { group in
            for list in byWorkflow.values {
                group.addTask {
                    var out: [(Int, RunRecord)] = []
                    for (index, action) in list {
                        if let record = await self.perform(action, version: workflows[action.key.workflowID]?.active) { out.append((index, record)) }
                    }
                    return out
                }
            }
            for await part in group { made += part }
        }
        let records = made.sorted { $0.0 < $1.0 }.map(\.1)
        for record in records {
            let slot = record.trigger.details["slot"]?.stringValue ?? "?"
            if record.status == .skipped {
                logger.log(.scheduleSkipped, .info, [LogKey.runID: .string(record.id), LogKey.workflowID: .string(record.workflowID),
                                                     LogKey.slot: .string(slot), LogKey.reason: .string(record.error ?? "")])
            } else {
                logger.log(.scheduleFired, .info, [LogKey.runID: .string(record.id), LogKey.workflowID: .string(record.workflowID),
                                                   LogKey.slot: .string(slot)])
            }
        }
        save()
        return records
    }

    /// Saves the handled-through instants (a failure is logged; the next slot saves again).
    func save() {
        do {
            try ScheduleLedger.save(Dictionary(uniqueKeysWithValues: scheduler.handledThrough.map { ($0.key.description, $0.value) }), state: state)
        } catch {
            logger.problem("cannot save the schedules' progress: \(error) (a restart may fire a slot again)")
        }
    }

    private nonisolated func perform(_ action: SchedulerStateMachine.Action, version: ActiveVersion?) async -> RunRecord? {
        guard let version else { return nil }
        switch action {
        case .fire(let key, let slot):
            let schedule = version.workflow.triggers.schedules.enumerated().first { index, trigger in
                (trigger.id?.value ?? String(index)) == key.name
            }?.element
            var inputs: [String: JSONValue] = [:]
            do {
                inputs = try schedule?.inputs?.evaluated(in: EvaluationContext()).objectValue ?? [:]
            } catch {
                logger.problem("the inputs of schedule \(key) could not be evaluated: \(error); the run starts without them",
                               [LogKey.workflowID: .string(key.workflowID)])
            }
            do {
                let record = try await engine.start(version.pinned, inputs: inputs, trigger: Self.trigger(key, slot))
                launcher.follow(record.id, announce: false)
                return record
            } catch {
                // The run was refused (its concurrency policy, its inputs): the slot leaves a trace.
                return await skip(version, key, slot, reason: error.description)
            }
        case .skip(let key, let slot, let reason):
            return await skip(version, key, slot, reason: reason)
        }
    }

    private nonisolated func skip(_ version: ActiveVersion, _ key: ScheduleKey, _ slot: Date, reason: String) async -> RunRecord? {
        do {
            return try await engine.recordSkipped(version.pinned, trigger: Self.trigger(key, slot), reason: reason)
        } catch {
            logger.problem("the skipped slot \(slot.formatted(.iso8601)) of \(key) was not recorded: \(error)",
                           [LogKey.workflowID: .string(key.workflowID)])
            return nil
        }
    }

    static func trigger(_ key: ScheduleKey, _ slot: Date) -> RunTrigger {
        RunTrigger(type: "schedule", details: ["schedule": .string(key.name), "slot": .string(slot.formatted(.iso8601))])
    }

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
        guard let entry = snapshot.workflows[id], let workflow = entry.active?.workflow else { return nil }
        return workflow.triggers.schedules.enumerated().map { index, trigger in
            let key = ScheduleKey(workflowID: id, name: trigger.id?.value ?? String(index))
            let zone = trigger.timezone?.value ?? snapshot.settings.timezone
            var next: [Date] = []
            if entry.isRunnable, let expression = try? CronExpression(parsing: trigger.cron.value), let timeZone = TimeZone.named(zone) {
                next = CronSchedule(expression, timeZone: timeZone).next(after: now, count: count)
            }
            return ScheduleInfo(id: key.description, cron: trigger.cron.value, timezone: zone, catchup: trigger.catchup.rawValue,
                                next: next, handledThrough: scheduler.handledThrough[key])
        }
    }
}
