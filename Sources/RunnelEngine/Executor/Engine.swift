import Foundation
public import Logging
public import RunnelCore

/// Runs workflows: admits runs under the global and per-workflow concurrency limits (FIFO),
/// executes them, records them, and takes human decisions, cancellations and resumes.
public actor Engine {
    /// Settings of an engine.
    public struct Configuration: Sendable {
        /// The most runs running at once (queued runs wait, first in first out).
        public var maxConcurrentRuns: Int

        /// Creates a configuration.
        public init(maxConcurrentRuns: Int = 10) {
            self.maxConcurrentRuns = max(1, maxConcurrentRuns)
        }
    }

    private struct Pending {
        var record: RunRecord
        var pinned: PinnedWorkflow
        var resume: (fromStep: String?, resumed: Bool)
    }

    let store: ObservedRunStore
    private let hub = EventHub()
    private let runners: StepRunners
    private let secrets: any SecretStore
    private let masker: SecretMasker
    private let workflows: any WorkflowSource
    private var configuration: Configuration
    /// Where what can't be recorded is logged (bound as ``EngineLog/logger`` around each run).
    private let logger: Logger

    private var queue: [Pending] = []
    /// Which runs hold a place under their workflow's concurrency policy.
    private var admission = AdmissionStateMachine()
    private var running: [String: (workflowID: String, task: Task<RunRecord, Never>, control: RunControl)] = [:]
    private var waiters: [String: [CheckedContinuation<RunRecord, Never>]] = [:]
    /// Waits for decisions, by `run-id/step-id` (see Engine+approvals.swift).
    var approvals: [String: WaitingApproval] = [:]
    private let drain = DrainSignal()
    /// The metrics `/metrics` reports: step durations recorded here, the daemon's own beside them.
    public nonisolated let metrics = RunnelMetrics()

    /// Creates an engine.
    /// - Parameters:
    ///   - store: Where runs are recorded.
    ///   - runners: The step runners.
    ///   - secrets: Secret values by name (masked everywhere they would appear).
    ///   - workflows: Where definitions come from (child runs, recovery, resume).
    ///   - logger: Where an event or log line the store refused is logged.
    public init(store: any RunStore, runners: StepRunners, secrets: any SecretStore, workflows: any WorkflowSource,
                configuration: Configuration = Configuration(), logger: Logger = EngineLog.logger) {
        self.logger = logger
        self.store = ObservedRunStore(base: store, hub: hub)
        self.runners = runners
        self.secrets = secrets
        self.masker = SecretMasker(secrets)
        self.workflows = workflows
        self.configuration = configuration
    }

    // MARK: - Starting runs

    /// Starts a run: checks the inputs, records it as queued, and runs it when the limits
    /// allow. Returns the queued record at once.
    /// - Throws: ``EngineError`` `.invalidInput` naming the fields, `.unprocessable` for a
    ///   workflow that isn't active, `.conflict` when its concurrency policy rejects the run.
    public func start(_ pinned: PinnedWorkflow, inputs: [String: JSONValue], trigger: RunTrigger = .manual,
                      requireActive: Bool = true) async throws(EngineError) -> RunRecord {
        let workflow = pinned.workflow
        if requireActive, workflow.status != .active {
            throw EngineError(.unprocessable, "workflow '\(workflow.id)' is \(workflow.status.rawValue); only active workflows run")
        }
        let resolved: [String: JSONValue]
        do {
            resolved = try InputResolver.resolve(inputs, against: workflow.inputs)
        } catch {
            throw EngineError(.invalidInput, "invalid inputs for '\(workflow.id)': \(error)")
        }
        let now = Date()
        let runID = RunID.make(at: now)
        // Decided and counted in one step: no suspension between the check and the admission.
        switch admission.admit(runID, workflowID: workflow.id, policy: workflow.concurrency) {
        case .reject(let current, let limit):
            throw EngineError(.conflict, "workflow '\(workflow.id)' already has \(current) run(s) and its concurrency limit is \(limit)")
        case .admitCancelling(let older):
            let stop = RunStop(by: "runnel", reason: "a newer run of '\(workflow.id)' started (concurrency: cancel_running)")
            for id in older { await cancel(id, stop) }
        case .admit:
            break
        }
        var record = RunRecord(id: runID, workflowID: workflow.id, workflowVersion: pinned.version,
                               commit: pinned.commit, trigger: trigger, inputs: resolved, createdAt: now)
        do {
            record = try await store.create(record)
        } catch {
            admission.release(runID, workflowID: workflow.id)
            throw EngineError(.storage, error.description)
        }
        queue.append(Pending(record: record, pinned: pinned, resume: (nil, false)))
        pump()
        return record
    }

    /// Records a run that did not happen (a schedule's missed slot): a `skipped` record with
    /// its reason, so that every due slot leaves a trace.
    public func recordSkipped(_ pinned: PinnedWorkflow, trigger: RunTrigger, reason: String) async throws(EngineError) -> RunRecord {
        let now = Date()
        let record = RunRecord(id: RunID.make(at: now), workflowID: pinned.workflow.id, workflowVersion: pinned.version,
                               commit: pinned.commit, trigger: trigger, inputs: [:], createdAt: now)
        do {
            _ = try await store.create(record)
            _ = try await store.append(RunEvent(.runSkipped, time: now, error: reason), to: record.id)
        } catch {
            throw EngineError(.storage, error.description)
        }
        return await store.record(record.id) ?? record
    }

    /// Starts a run of workflow `id` from the workflow source.
    public func start(workflowID id: String, commit: String? = nil, inputs: [String: JSONValue],
                      trigger: RunTrigger = .manual) async throws(EngineError) -> RunRecord {
        let pinned = try await workflows.workflow(id: id, commit: commit)
        return try await start(pinned, inputs: inputs, trigger: trigger)
    }

    /// Starts queued runs while the limits allow, oldest first. A run waiting for a person
    /// (an approval, an input, a tool call) holds no slot of the global limit: approvals left
    /// open for hours don't stop every other run. It keeps counting for its workflow's own
    /// `concurrency.limit`.
    func pump() {
        if drain.isDraining { return }
        var index = 0
        let waiting = Set(approvals.keys.map { String($0.prefix { $0 != "/" }) })
        while index < queue.count, running.keys.filter({ !waiting.contains($0) }).count < configuration.maxConcurrentRuns {
            let pending = queue[index]
            let workflowID = pending.record.workflowID
            if let limit = pending.pinned.workflow.concurrency?.limit,
                running.values.filter({ $0.workflowID == workflowID }).count >= limit {
                index += 1
                continue
            }
            queue.remove(at: index)
            launch(pending)
        }
    }

    private func launch(_ pending: Pending) {
        var executor = RunExecutor(plan: RunPlan(pending.pinned.workflow),
                                   context: RunContext(workflow: pending.pinned.workflow, secrets: secrets),
                                   store: store, runners: runners, host: self, masker: masker, drain: drain,
                                   metrics: metrics)
        let runID = pending.record.id
        let control = RunControl()
        executor.control = control
        let task = Task { [logger] in
            let final = await EngineLog.$logger.withValue(logger) {
                await executor.execute(pending.record, fromStep: pending.resume.fromStep, resumed: pending.resume.resumed)
            }
            self.finished(runID, final)
            return final
        }
        running[runID] = (pending.record.workflowID, task, control)
    }

    private func finished(_ runID: String, _ record: RunRecord) {
        running[runID] = nil
        if record.status == .paused {
            // Its slot of the global limit is free; it keeps its place under its workflow's
            // policy, and whoever waits for its end goes on waiting.
            pump()
            return
        }
        admission.release(runID, workflowID: record.workflowID)
        for waiter in waiters.removeValue(forKey: runID) ?? [] { waiter.resume(returning: record) }
        pump()
    }

    // MARK: - Observing

    /// Waits until the run ends and returns its final record.
    public func wait(_ runID: String) async -> RunRecord? {
        guard let record = await store.record(runID) else { return nil }
        if record.status.isFinished, running[runID] == nil { return record }
        return await withCheckedContinuation { waiters[runID, default: []].append($0) }
    }

    /// The events of a run with an id greater than `after`: those already recorded, then the
    /// others as they are recorded, each once, in order, with the run's log lines as
    /// `step_log` events as they are written (live only: ``RunStore/log(of:step:tail:)`` has
    /// the earlier ones). The stream ends after the event that
    /// ends the run (at once for a run that had ended), or when the run is unknown.
    public func events(_ runID: String, after: Int = 0) async -> AsyncStream<RunEvent> {
        // Subscribe before reading the log: an event recorded in between is in one or both.
        let live = await hub.subscribe(runID)
        let recorded = (try? await store.events(of: runID, after: after)) ?? []
        let finished = await store.record(runID)?.status.isFinished ?? true
        let (stream, continuation) = AsyncStream<RunEvent>.makeStream(bufferingPolicy: .unbounded)
        var last = after
        for event in recorded {
            continuation.yield(event)
            last = event.id
            if event.endsRun {
                continuation.finish()
                return stream
            }
        }
        if finished {
            continuation.finish()
            return stream
        }
        let forward = Task { [last] in
            // Log lines carry the id of the event before them: they pass, recorded events once.
            for await event in live where event.id > last || event.kind == .stepLog {
                continuation.yield(event)
                if event.endsRun { break }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in forward.cancel() }
        return stream
    }

    /// The current record of a run.
    public func record(_ runID: String) async -> RunRecord? { await store.record(runID) }

    /// The runs waiting for a slot, oldest first.
    public var queuedRunIDs: [String] { queue.map(\.record.id) }

    /// The runs running now.
    public var runningRunIDs: [String] { running.keys.sorted() }

    // MARK: - Control

    /// Cancels a queued, running or paused run; its running steps are stopped (scripts
    /// killed). The record keeps who stopped it and why (`stopped_by`, `error`).
    @discardableResult
    public func cancel(_ runID: String, _ stop: RunStop = RunStop()) async -> Bool {
        await settlePause(runID)
        if let index = queue.firstIndex(where: { $0.record.id == runID }) {
            let cancelled = queue.remove(at: index)
            await recordCancelled(runID, workflowID: cancelled.record.workflowID, stop)
            return true
        }
        if let entry = running[runID] {
            entry.control.stop(stop)
            entry.task.cancel()
            return true
        }
        guard let record = await store.record(runID), record.status == .paused, running[runID] == nil,
              !queue.contains(where: { $0.record.id == runID }) else { return false }
        await recordCancelled(runID, workflowID: record.workflowID, stop)
        return true
    }

    /// Waits for the loop of a run that has just recorded `run_paused` to hand it back, so that
    /// a pause is never seen as running afterwards.
    private func settlePause(_ runID: String) async {
        guard let entry = running[runID], await store.record(runID)?.status == .paused else { return }
        _ = await entry.task.value
    }

    /// Ends a run that is not running (queued or paused) as cancelled.
    private func recordCancelled(_ runID: String, workflowID: String, _ stop: RunStop) async {
        admission.release(runID, workflowID: workflowID)
        await store.appendOrLog(RunEvent(.runCancelled, time: Date(), data: ["by": .string(stop.by)], error: stop.reason), to: runID)
        let record = await store.record(runID)
        for waiter in waiters.removeValue(forKey: runID) ?? [] { if let record { waiter.resume(returning: record) } }
    }

    /// Pauses a running run: the steps that are running finish (steps that wait for time or
    /// a person are given up, to wait again on resume), no new step starts, and the run is
    /// left `paused`, holding no slot of the global limit, until ``resume(_:fromStep:)`` or
    /// ``cancel(_:_:)``. Returns the record as it is now (still `running` until the steps end).
    /// - Throws: ``EngineError`` `.notFound`, or `.conflict` for a run that is not running.
    public func pause(_ runID: String, _ request: RunStop = RunStop(reason: "Paused by user")) async throws(EngineError) -> RunRecord {
        await settlePause(runID)
        guard let record = await store.record(runID) else { throw EngineError(.notFound, "run '\(runID)' not found") }
        guard let entry = running[runID] else {
            throw EngineError(.conflict, "run '\(runID)' is \(record.status.rawValue); only a running run can be paused")
        }
        entry.control.pause(request)
        return record
    }

    /// Runs a paused, failed, cancelled or interrupted run again from `fromStep` (and what follows
    /// it) or from where it stopped, on the commit it was pinned to; completed steps keep
    /// their outputs.
    public func resume(_ runID: String, fromStep: String? = nil) async throws(EngineError) -> RunRecord {
        await settlePause(runID)
        guard let record = await store.record(runID) else { throw EngineError(.notFound, "run '\(runID)' not found") }
        guard running[runID] == nil, !queue.contains(where: { $0.record.id == runID }) else {
            throw EngineError(.conflict, "run '\(runID)' is \(record.status.rawValue); only a stopped run can be resumed")
        }
        guard record.status != .completed || fromStep != nil else {
            throw EngineError(.conflict, "run '\(runID)' completed; name a step to run again from")
        }
        let pinned = try await workflows.workflow(id: record.workflowID, commit: record.commit)
        if let fromStep, pinned.workflow.steps.first(where: { $0.id.value == fromStep }) == nil {
            throw EngineError(.notFound, "workflow '\(record.workflowID)' has no step '\(fromStep)'")
        }
        admission.hold(runID, workflowID: record.workflowID)
        queue.append(Pending(record: record, pinned: pinned, resume: (fromStep, true)))
        pump()
        return record
    }

    /// Changes the global limit on running runs (the repository's settings changed); more
    /// queued runs start at once when it grew.
    public func setMaxConcurrentRuns(_ limit: Int) {
        configuration.maxConcurrentRuns = max(1, limit)
        pump()
    }

    /// Stops for a shutdown: starts no queued run and no new step; running steps may end
    /// until `grace` has passed, then the others are given up. Every unfinished run is left
    /// to resume at the next start (``recover()``). Returns the ids of the runs left unfinished.
    @discardableResult
    public func shutdown(grace: Duration) async -> [String] {
        drain.begin(deadline: .now + grace)
        let tasks = running.values.map(\.task)
        var unfinished = queue.map(\.record.id)
        for task in tasks {
            let record = await task.value
            if !record.status.isFinished, record.status != .paused { unfinished.append(record.id) }
        }
        return unfinished.sorted()
    }

    /// Picks up the runs a previous process left unfinished: running ones resume from their
    /// last completed step (steps that were mid-flight run again), queued ones queue again.
    /// Returns the ids it picked up.
    @discardableResult
    public func recover() async -> [String] {
        var recovered: [String] = []
        for record in await store.unfinished() where running[record.id] == nil && !queue.contains(where: { $0.record.id == record.id }) {
            if record.status == .paused {
                // A paused run stays paused across a restart; it keeps its workflow place.
                admission.hold(record.id, workflowID: record.workflowID)
                continue
            }
            guard let pinned = try? await workflows.workflow(id: record.workflowID, commit: record.commit) else {
                await store.appendOrLog(RunEvent(.runFailed, time: Date(), error: "workflow '\(record.workflowID)' is no longer available to resume"), to: record.id)
                continue
            }
            let resumed = record.status != .queued
            admission.hold(record.id, workflowID: record.workflowID)
            queue.append(Pending(record: record, pinned: pinned, resume: (nil, resumed)))
            recovered.append(record.id)
        }
        pump()
        return recovered
    }
}

extension Engine: ExecutorHost {
    func isAwaitingApproval(runID: String, stepID: String) -> Bool {
        approvals[runID + "/" + stepID] != nil
    }

    func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile] {
        try await workflows.files(under: folder, commit: commit)
    }

    func runChild(workflowID: String, inputs: [String: JSONValue], parentRunID: String, wait: Bool) async -> Result<RunRecord, EngineError> {
        do {
            let pinned = try await workflows.workflow(id: workflowID, commit: nil)
            let trigger = RunTrigger(type: "workflow", details: ["parent_run_id": .string(parentRunID)])
            let child = try await start(pinned, inputs: inputs, trigger: trigger, requireActive: false)
            guard wait else { return .success(child) }
            let final = await withTaskCancellationHandler {
                await self.wait(child.id)
            } onCancel: {
                Task { await self.cancel(child.id, RunStop(by: "runnel", reason: "its parent run \(parentRunID) was stopped")) }
            }
            return .success(final ?? child)
        } catch {
            return .failure(error)
        }
    }
}
