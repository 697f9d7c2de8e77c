public import Foundation
import Logging
public import RunnelCore
public import RunnelEngine
public import ServiceLifecycle

/// Starts runs for events, inbound webhooks, the API and finished runs (`on.workflow`),
/// from the last snapshot, and follows each run it started: logs its start and a failed or
/// cancelled end, hands its lifecycle events to the ``NotificationService``, and when it ends
/// starts what chains after it. The runs to follow come through one stream that ``run()``
/// consumes (a child task per run); at the graceful shutdown it stops the engine's runs within
/// the grace period and logs the ones left to resume at the next start.
public final class RunLauncher: Service, Sendable {
    struct Follow: Sendable {
        var runID: String
        var after: Int
        var resumed: Bool
        var announce: Bool
    }

    let engine: Engine
    let store: any RunStore
    let snapshots: SnapshotPublisher
    let notifications: NotificationService
    let keyring: ApprovalKeyring
    let grace: Duration
    let logger: Logger
    private let follows: AsyncStream<Follow>
    private let continuation: AsyncStream<Follow>.Continuation

    init(engine: Engine, store: any RunStore, snapshots: SnapshotPublisher, notifications: NotificationService,
         keyring: ApprovalKeyring, grace: Duration, logger: Logger) {
        self.engine = engine
        self.store = store
        self.snapshots = snapshots
        self.notifications = notifications
        self.keyring = keyring
        self.grace = grace
        self.logger = logger
        (follows, continuation) = AsyncStream.makeStream(of: Follow.self)
    }

    /// Follows the runs started until the graceful shutdown; then stops the engine (running
    /// steps may end within the grace period) and saves the records.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [continuation] in
                // Returns at the graceful shutdown (throws when cancelled first: the same end).
                try? await gracefulShutdown()
                continuation.finish()
            }
            for await follow in follows {
                group.addTask { await self.track(follow) }
            }
            let unfinished = await engine.shutdown(grace: grace)
            do {
                // The records' snapshots catch up with their logs, for readers of the files.
                try await store.flush()
            } catch {
                logger.problem("cannot save the run records at the stop: \(error)")
            }
            logger.log(.stopped, .info, [LogKey.unfinished: .array(unfinished.map { .string($0) })])
        }
    }

    /// Fires the event triggers that match: returns the runs started and the problems of
    /// triggers that could not be evaluated.
    public func post(event type: String, payload: JSONValue, now: Date = Date()) async -> (runs: [RunRecord], problems: [String]) {
        let snapshot = snapshots.current
        let event = TriggerEvent(type: type, payload: payload, id: RunID.make(at: now), receivedAt: now.formatted(.iso8601))
        let (triggered, problems) = TriggerRouter.runs(forEvent: type, event, in: snapshot.eventWorkflows.compactMap { snapshot.workflows[$0] })
        var runs: [RunRecord] = []
        var refused = problems
        for run in triggered {
            switch await start(run) {
            case .success(let record): runs.append(record)
            case .failure(let error): refused.append("\(run.workflowID): \(error)")
            }
        }
        return (runs, refused)
    }

    /// Starts the run an inbound webhook asks for. The caller checks the signature with the
    /// hook's secret (``webhookSecret(workflowID:hookID:)``) first.
    public func webhook(workflowID: String, hookID: String, payload: JSONValue, headers: [String: String],
                        now: Date = Date()) async -> Result<RunRecord, EngineError> {
        guard let entry = snapshots.current.workflows[workflowID] else { return .failure(EngineError(.notFound, "no workflow '\(workflowID)'")) }
        let event = TriggerEvent(type: "webhook", payload: payload, id: RunID.make(at: now), receivedAt: now.formatted(.iso8601),
                                 extra: ["hook": .string(hookID), "headers": .object(headers.mapValues(JSONValue.string))])
        guard entry.isRunnable, entry.active?.workflow.triggers.webhooks.contains(where: { $0.id.value == hookID }) == true else {
            // An unknown hook, or one of a paused, draft or invalid workflow: nothing to start there.
            let reason = TriggerRouter.run(forWebhook: hookID, of: entry, event).failureDescription ?? "no webhook '\(hookID)'"
            return .failure(EngineError(.notFound, reason))
        }
        switch TriggerRouter.run(forWebhook: hookID, of: entry, event) {
        case .failure(let error): return .failure(EngineError(.invalidInput, error.description))
        case .success(let run): return await start(run)
        }
    }

    /// Starts a run of a workflow by hand (the API's `POST /api/workflows/{id}/run`): its
    /// active version, pinned to its commit.
    /// - Throws: `.notFound` for an unknown or never-valid workflow, `.unprocessable` for one
    ///   that isn't active, `.invalidInput`, `.conflict` as ``Engine/start(_:inputs:trigger:requireActive:)``.
    public func startRun(workflowID: String, inputs: [String: JSONValue], trigger: RunTrigger = .manual) async throws(EngineError) -> RunRecord {
        guard let entry = snapshots.current.workflows[workflowID] else { throw EngineError(.notFound, "workflow '\(workflowID)' not found") }
        guard let version = entry.active else {
            throw EngineError(.unprocessable, "workflow '\(workflowID)' has no valid version to run")
        }
        let record = try await engine.start(version.pinned, inputs: inputs, trigger: trigger)
        follow(record.id)
        return record
    }

    /// The secret name a webhook is signed with, when it has one.
    public func webhookSecret(workflowID: String, hookID: String) -> String? {
        snapshots.current.workflows[workflowID]?.active?.workflow.triggers.webhooks.first { $0.id.value == hookID }?.secret?.value
    }

    func start(_ run: TriggeredRun) async -> Result<RunRecord, EngineError> {
        guard let version = snapshots.current.workflows[run.workflowID]?.active else {
            return .failure(EngineError(.notFound, "workflow '\(run.workflowID)' is not active"))
        }
        do {
            let record = try await engine.start(version.pinned, inputs: run.inputs, trigger: run.trigger)
            follow(record.id)
            return .success(record)
        } catch {
            return .failure(error)
        }
    }

    /// Follows a run (see the type): logs its start unless `announce` is false (a scheduled
    /// run is logged with its slot). Events up to `after` are not notified again (a recovered
    /// run's were, before).
    public func follow(_ runID: String, after: Int = 0, resumed: Bool = false, announce: Bool = true) {
        if case .terminated = continuation.yield(Follow(runID: runID, after: after, resumed: resumed, announce: announce)) {
            logger.problem("run \(runID) is not followed: the daemon is stopping (it is notified and chained at the next start)",
                           [LogKey.runID: .string(runID)])
        }
    }

    private func track(_ follow: Follow) async {
        let runID = follow.runID
        if follow.announce, let record = await store.record(runID) {
            logger.log(follow.resumed ? .runResumed : .runStarted, .info,
                       [LogKey.runID: .string(runID), LogKey.workflowID: .string(record.workflowID), LogKey.trigger: .string(record.trigger.type)])
        }
        // Without notify targets or mail there is nothing to read the events for.
        if notifications.isConfigured {
            for await event in await engine.events(runID, after: follow.after) { await notify(event, runID) }
        }
        // A run left unfinished by a shutdown has no end to chain on (yet).
        guard let final = await engine.wait(runID), final.status.isFinished else { return }
        if final.status == .failed || final.status == .cancelled {
            var metadata: Logger.Metadata = [LogKey.runID: .string(runID), LogKey.workflowID: .string(final.workflowID),
                                             LogKey.status: .string(final.status.rawValue)]
            if let error = final.error { metadata[LogKey.error] = .string(error) }
            logger.log(.runEnded, .error, metadata)
        }
        await chain(after: final)
    }

    private func notify(_ event: RunEvent, _ runID: String) async {
        let type: String
        switch event.kind {
        case .runStarted: type = "run.started"
        case .runAwaitingApproval: type = "run.awaiting_approval"
        case .runCompleted: type = "run.completed"
        case .runFailed: type = "run.failed"
        default: return
        }
        guard let record = await store.record(runID) else {
            logger.problem("run \(runID) has no record to notify \(type) with", [LogKey.runID: .string(runID)])
            return
        }
        guard event.kind == .runAwaitingApproval else {
            notifications.notify(type, record)
            return
        }
        // A wait announced again after a restart was notified when it began.
        if event.data?["restored"] == true { return }
        guard let wait = ApprovalWait(announcement: event, runID: runID) else {
            notifications.notify(type, record)
            return
        }
        let links: ApprovalLinks
        do {
            links = try keyring.approvalLinks()
        } catch {
            logger.problem("the approval links of run \(runID) could not be made: \(error); it is notified without them", [LogKey.runID: .string(runID)])
            notifications.notify(type, record)
            return
        }
        notifications.notify(type, record, approval: links.notification(for: wait))
        let settings = snapshots.current.settings
        notifications.mail { $0.messages(wait, links: links, to: ApprovalMailer.recipients(wait, settings: settings)) }
    }

    private func chain(after finished: RunRecord) async {
        let now = Date()
        let snapshot = snapshots.current
        let (runs, problems) = TriggerRouter.runs(after: finished, in: snapshot.chainWorkflows.compactMap { snapshot.workflows[$0] },
                                                  eventID: RunID.make(at: now), receivedAt: now.formatted(.iso8601))
        for problem in problems { logger.problem(problem) }
        for run in runs {
            if case .failure(let error) = await start(run) { logger.problem("\(run.workflowID): not chained after run \(finished.id): \(error)") }
        }
    }
}
