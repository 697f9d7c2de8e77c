/// `approval`: pauses the run until a person approves or rejects.
///
/// Rejection fails the step, unless `else` targets are given: then they run and the
/// `then` targets (and steps that depend on the approval) are skipped.
public struct ApprovalConfig: Sendable, Hashable {
    /// What the approver is asked (template).
    public var message: Located<String>?
    /// Names (people or API-key names) allowed to decide; anyone with the run scope when empty.
    public var approvers: [String]
    /// Approvals needed (default 1).
    public var required: Int
    /// How long to wait for a decision.
    public var timeout: Located<Duration>?
    /// What a timeout means.
    public var onTimeout: ApprovalTimeoutAction
    /// Steps run when approved.
    public var then: [Located<String>]
    /// Steps run when rejected.
    public var `else`: [Located<String>]
    /// JSON Schema of data the approver must supply with the decision.
    public var inputSchema: JSONValue?
    /// Email addresses told when the step starts waiting (`notify: {email: [...]}`), besides
    /// the repository-wide `approvals.email` of `runnel.yaml`.
    public var notifyEmail: [String] = []
}

/// What an approval timeout means.
public enum ApprovalTimeoutAction: String, Sendable, Hashable, CaseIterable {
    case reject, approve
}
