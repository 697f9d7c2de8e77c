public import Foundation
public import RunnelCore

/// A wait the engine holds: its state and the task that waits for it.
struct WaitingApproval {
    var wait: ApprovalWait
    var continuation: CheckedContinuation<ApprovalResolution, Never>
}

extension Engine {
    /// Records one person's decision on a wait. The decision is durable (an
    /// `approval_recorded` event) before the wait goes on; when it completes the wait
    /// (one rejection, or `required` distinct approvals) the run continues. Returns the
    /// wait's state after the decision.
    /// - Throws: `.notFound` when nothing of that run and step is waiting, `.forbidden` for
    ///   someone who isn't an approver, self-approval or a used link, `.conflict` for a second
    ///   decision of the same person, `.invalidInput` (with `details`) for an approval whose
    ///   `input` doesn't match the input schema.
    @discardableResult
    public func decide(runID: String, stepID: String, _ decision: ApprovalDecision) async throws(EngineError) -> ApprovalWait {
        let key = runID + "/" + stepID
        guard var waiting = approvals[key] else {
            throw EngineError(.notFound, "run '\(runID)' has no step '\(stepID)' waiting for approval")
        }
        if let refusal = waiting.wait.refusal(of: decision) { throw refusal }
        // The state changes before the first suspension: a concurrent decision sees it.
        waiting.wait.decisions.append(decision)
        if let token = decision.tokenID { waiting.wait.usedTokens.insert(token) }
        let done = waiting.wait.outcome != nil
        approvals[key] = done ? nil : waiting
        await store.appendOrLog(RunEvent(.approvalRecorded, time: decision.at, stepID: stepID, data: decision.json), to: runID)
        if done { waiting.continuation.resume(returning: .decided(waiting.wait)) }
        return waiting.wait
    }

    /// The waits that can be decided now, oldest first.
    public var waitingApprovals: [ApprovalWait] {
        approvals.values.map(\.wait).sorted { ($0.since, $0.request.runID, $0.request.stepID) < ($1.since, $1.request.runID, $1.request.stepID) }
    }

    /// The wait of `stepID` in `runID`, when it can be decided now.
    public func waitingApproval(runID: String, stepID: String) -> ApprovalWait? { approvals[runID + "/" + stepID]?.wait }

    /// Approval steps waiting for a decision, as `run-id/step-id`.
    public var pendingApprovals: [String] { approvals.keys.sorted() }

    /// Waits for `request` to be decided. A wait that a previous process left open (the run
    /// was recovered) continues with its decisions and its original deadline. Announces the
    /// wait (`run_awaiting_approval`) and records the outcome (`approval_decided`). Any part
    /// of a run may wait this way (an agent's tool call: `kind: "tool_call"`, `data: {tool,
    /// arguments, call_id}`, a `stepID` unique in the run); the routes and links decide it.
    public func awaitApproval(_ request: ApprovalRequest) async -> ApprovalResolution {
        let key = request.runID + "/" + request.stepID
        let events = (try? await store.events(of: request.runID, after: 0)) ?? []
        let now = Date()
        var wait: ApprovalWait
        var data: JSONValue
        if let open = ApprovalWait.open(in: events, runID: request.runID, stepID: request.stepID) {
            wait = open
            data = open.eventData
            data = .object((data.objectValue ?? [:]).merging(["restored": true]) { $1 })
        } else {
            let record = await store.record(request.runID)
            wait = ApprovalWait(request, workflowID: record?.workflowID ?? "", startedBy: record?.trigger.details["started_by"]?.stringValue,
                                now: now, usedTokens: ApprovalWait.usedTokens(in: events))
            data = wait.eventData
        }
        await store.appendOrLog(RunEvent(.runAwaitingApproval, time: now, stepID: request.stepID, data: data), to: request.runID)
        let resolution: ApprovalResolution
        if wait.outcome != nil {
            resolution = .decided(wait)
        } else if let expires = wait.expiresAt, expires <= now {
            resolution = .timedOut(wait)
        } else {
            resolution = await waitForDecision(key, wait)
        }
        guard let output = resolution.output else { return .cancelled }
        await store.appendOrLog(RunEvent(.approvalDecided, time: Date(), stepID: request.stepID, data: output), to: request.runID)
        return resolution
    }

    private func waitForDecision(_ key: String, _ wait: ApprovalWait) async -> ApprovalResolution {
        let timer = wait.expiresAt.map { deadline in
            Task { [weak self] in
                try? await Task.sleep(for: .sleep(seconds: deadline.timeIntervalSinceNow))
                if !Task.isCancelled { await self?.endWait(key, timedOut: true) }
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .cancelled)
                } else {
                    approvals[key] = WaitingApproval(wait: wait, continuation: continuation)
                    // The run now waits for a person: its slot goes to a queued run.
                    pump()
                }
            }
        } onCancel: {
            Task { await self.endWait(key, timedOut: false) }
        }
    }

    private func endWait(_ key: String, timedOut: Bool) {
        guard let waiting = approvals.removeValue(forKey: key) else { return }
        waiting.continuation.resume(returning: timedOut ? .timedOut(waiting.wait) : .cancelled)
    }
}
