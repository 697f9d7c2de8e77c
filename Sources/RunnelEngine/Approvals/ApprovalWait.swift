public import Foundation
public import RunnelCore

/// A wait for decisions and the decisions so far. Plain state: the rules of who may decide
/// and when the wait is over live here; the ``Engine`` holds one per waiting step.
public struct ApprovalWait: Sendable, Hashable {
    /// What is asked.
    public var request: ApprovalRequest
    /// The workflow of the run.
    public var workflowID: String
    /// Who started the run (`trigger.details.started_by`): they cannot approve it.
    public var startedBy: String?
    /// When the wait began (kept across a daemon restart).
    public var since: Date
    /// When the timeout ends it.
    public var expiresAt: Date?
    /// Decisions so far, in order.
    public var decisions: [ApprovalDecision]
    /// Ids of signed-link tokens already used in this run.
    public var usedTokens: Set<String>

    /// A new wait starting `now`.
    public init(_ request: ApprovalRequest, workflowID: String, startedBy: String?, now: Date, usedTokens: Set<String> = []) {
        self.request = request
        self.workflowID = workflowID
        self.startedBy = startedBy
        since = now
        expiresAt = request.timeout.map { now.addingTimeInterval($0.seconds) }
        decisions = []
        self.usedTokens = usedTokens
    }

    /// `true` approved, `false` rejected, `nil` still waiting: one rejection rejects; approval
    /// needs `required` distinct approvers.
    public var outcome: Bool? {
        if decisions.contains(where: { !$0.approved }) { return false }
        return approvers.count >= request.required ? true : nil
    }

    /// Approvals still needed.
    public var remaining: Int { max(0, request.required - approvers.count) }

    /// The distinct people who approved.
    private var approvers: Set<String> { Set(decisions.filter(\.approved).map(\.by)) }

    /// Why `decision` is refused, or nil when it may be recorded.
    public func refusal(of decision: ApprovalDecision) -> EngineError? {
        if let token = decision.tokenID, usedTokens.contains(token) {
            return EngineError(.forbidden, "this link was already used")
        }
        if !request.approvers.isEmpty, !request.approvers.contains(decision.by) {
            return EngineError(.forbidden, "'\(decision.by)' is not an approver of step '\(request.stepID)' (approvers: \(request.approvers.joined(separator: ", ")))")
        }
        if decision.approved, let startedBy, startedBy == decision.by {
            return EngineError(.forbidden, "'\(decision.by)' started run '\(request.runID)' and cannot approve it")
        }
        if decisions.contains(where: { $0.by == decision.by }) {
            return EngineError(.conflict, "'\(decision.by)' has already decided step '\(request.stepID)' of run '\(request.runID)'")
        }
        if decision.approved, let schema = request.inputSchema {
            let problems = JSONSchema(schema).problems(with: decision.input ?? .object([:]))
            if !problems.isEmpty {
                return EngineError(.invalidInput, "the input does not match the step's input_schema: "
                                   + problems.map(\.description).joined(separator: "; "), details: problems.map(\.description))
            }
        }
        return nil
    }

    /// The step's output once the wait is over (`timedOut`: no decision in time).
    public func output(timedOut: Bool) -> JSONValue {
        let approved = timedOut ? request.onTimeout == .approve : outcome == true
        let deciding = timedOut ? nil : (approved ? decisions.last(where: \.approved) : decisions.first { !$0.approved })
        let note = timedOut ? "no decision within \(request.timeout?.compactDescription ?? "the time limit")" : deciding?.note
        return ["approved": .bool(approved), "by": .string(deciding?.by ?? "timeout"), "note": note.map(JSONValue.string) ?? .null,
                "input": decisions.last(where: { $0.approved && $0.input != nil })?.input ?? .null,
                "timed_out": .bool(timedOut), "decisions": .array(decisions.map(\.json))]
    }
}
