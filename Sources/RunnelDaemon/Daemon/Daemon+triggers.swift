public import Foundation
public import RunnelCore
public import RunnelEngine

extension Daemon {
    /// Fires the event triggers that match: returns the runs started and the problems of
    /// triggers that could not be evaluated.
    public func post(event type: String, payload: JSONValue, now: Date = Date()) async -> (runs: [RunRecord], problems: [String]) {
        let event = TriggerEvent(type: type, payload: payload, id: RunID.make(at: now), receivedAt: now.formatted(.iso8601))
        let (triggered, problems) = TriggerRouter.runs(forEvent: type, event, in: triggerIndex.events.compactMap { registry.entries[$0] })
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
        guard let entry = registry.entries[workflowID] else { return .failure(EngineError(.notFound, "no workflow '\(workflowID)'")) }
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
        guard let entry = registry.entries[workflowID] else { throw EngineError(.notFound, "workflow '\(workflowID)' not found") }
        guard let version = entry.active else {
            throw EngineError(.unprocessable, "workflow '\(workflowID)' has no valid version to run")
        }
        let record = try await engine.start(version.pinned, inputs: inputs, trigger: trigger)
        follow(record.id)
        return record
    }

    /// The secret name a webhook is signed with, when it has one.
    public func webhookSecret(workflowID: String, hookID: String) -> String? {
        registry.entries[workflowID]?.active?.workflow.triggers.webhooks.first { $0.id.value == hookID }?.secret?.value
    }

    func start(_ run: TriggeredRun) async -> Result<RunRecord, EngineError> {
        guard let version = registry.entries[run.workflowID]?.active else {
            return .failure(EngineError(.notFound, "workflow '\(run.workflowID)' is not active"))
        }
        do {
            let record = try await engine.start(version.pinned,
                                                inputs: run.inputs, trigger: run.trigger)
            follow(record.id)
            return .success(record)
        } catch {
            return .failure(error)
        }
    }

    /// Follows a run in the background: logs its start (unless `announce` is false: a
    /// scheduled run is logged with its slot) and a failed or cancelled end, posts its
    /// lifecycle events to the `notify:` targets, and when it ends starts what chains after it.
    /// Events up to `after` are not notified again (a recovered run's were, before).
    public nonisolated func follow(_ runID: String, after: Int = 0, resumed: Bool = false, announce: Bool = true) {
        Task {
            if announce, let record = await store.record(runID) {
                loopProblems.add(.runStarted(runID: runID, workflowID: record.workflowID, trigger: record.trigger.type, resumed: resumed))
                await wakeup.signal()
            }
            let notifier = await self.notifier
            let mailer = await self.mailer
            // Without notify targets or mail there is nothing to read the events for.
            if !notifier.targets.isEmpty || mailer != nil {
                for await event in await engine.events(runID, after: after) { await notify(event, runID, notifier, mailer) }
            }
            // A run left unfinished by a shutdown has no end to chain on (yet).
            guard let final = await engine.wait(runID), final.status.isFinished else { return }
            if final.status == .failed || final.status == .cancelled {
                loopProblems.add(.runEnded(runID: runID, workflowID: final.workflowID, status: final.status.rawValue, error: final.error))
                await wakeup.signal()
            }
            await chain(after: final)
        }
    }

    private nonisolated func notify(_ event: RunEvent, _ runID: String, _ notifier: Notifier, _ mailer: ApprovalMailer?) async {
        let type: String
        switch event.kind {
        case .runStarted: type = "run.started"
        case .runAwaitingApproval: type = "run.awaiting_approval"
        case .runCompleted: type = "run.completed"
        case .runFailed: type = "run.failed"
        default: return
        }
        guard let record = await store.record(runID) else { return }
        guard event.kind == .runAwaitingApproval else {
            notifier.send(type, record)
            return
        }
        // A wait announced again after a restart was notified when it began.
        if event.data?["restored"] == true { return }
        guard let wait = ApprovalWait(announcement: event, runID: runID), let links = try? await approvalLinks() else {
            notifier.send(type, record)
            return
        }
        notifier.send(type, record, approval: links.notification(for: wait))
        if let mailer {
            mailer.send(wait, links: links, to: ApprovalMailer.recipients(wait, settings: await settings))
        }
    }

    private func chain(after finished: RunRecord) async {
        let now = Date()
        let (runs, problems) = TriggerRouter.runs(after: finished, in: triggerIndex.chains.compactMap { registry.entries[$0] },
                                                  eventID: RunID.make(at: now), receivedAt: now.formatted(.iso8601))
        for problem in problems { loopProblems.add(problem) }
        if !problems.isEmpty { await wakeup.signal() }
        for run in runs { _ = await start(run) }
    }
}
