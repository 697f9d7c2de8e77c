public import RunnelCore

/// What the executor asks of the engine that owns it: human decisions and child runs.
protocol ExecutorHost: Sendable {
    /// Waits for a person to approve or reject `stepID` of `runID` (or for the timeout).
    func awaitApproval(runID: String, stepID: String, timeout: Duration?) async -> ApprovalDecision?
    /// Runs workflow `workflowID` as a child of `parentRunID`; with `wait`, until it ends.
    func runChild(workflowID: String, inputs: [String: JSONValue], parentRunID: String, wait: Bool) async -> Result<RunRecord, EngineError>
    /// The repository's files below `folder` at `commit`.
    func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile]
}

/// A person's decision on an approval step.
public struct ApprovalDecision: Sendable, Hashable {
    /// Approved or rejected.
    public var approved: Bool
    /// Who decided.
    public var by: String
    /// Their note.
    public var note: String?
    /// Data they supplied with the decision.
    public var input: JSONValue?

    /// Creates a decision.
    public init(approved: Bool, by: String, note: String? = nil, input: JSONValue? = nil) {
        self.approved = approved
        self.by = by
        self.note = note
        self.input = input
    }

    /// As a step output.
    var output: JSONValue {
        ["approved": .bool(approved), "by": .string(by), "note": note.map(JSONValue.string) ?? .null, "input": input ?? .null]
    }
}
