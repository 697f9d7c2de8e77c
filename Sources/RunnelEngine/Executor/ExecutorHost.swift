public import Foundation
public import RunnelCore

/// What the executor asks of the engine that owns it: human decisions and child runs.
protocol ExecutorHost: Sendable {
    /// Waits until the approvers of `request` decide, it times out, or the run is cancelled.
    func awaitApproval(_ request: ApprovalRequest) async -> ApprovalResolution
    /// Runs workflow `workflowID` as a child of `parentRunID`; with `wait`, until it ends.
    func runChild(workflowID: String, inputs: [String: JSONValue], parentRunID: String, wait: Bool) async -> Result<RunRecord, EngineError>
    /// Whether `stepID` of `runID` waits for a person's decision now (an agent step's tool call).
    func isAwaitingApproval(runID: String, stepID: String) async -> Bool
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
    /// How it arrived: `api`, `link` (a signed link), `cli`…
    public var via: String
    /// The id of the signed link's token, which can then never be used again.
    public var tokenID: String?
    /// When it was made.
    public var at: Date

    /// Creates a decision.
    public init(approved: Bool, by: String, note: String? = nil, input: JSONValue? = nil, via: String = "api",
                tokenID: String? = nil, at: Date = Date()) {
        self.approved = approved
        self.by = by
        self.note = note
        self.input = input
        self.via = via
        self.tokenID = tokenID
        self.at = at
    }

    /// As recorded in an `approval_recorded` event and listed by the API.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["approved": .bool(approved), "by": .string(by), "note": note.map(JSONValue.string) ?? .null,
                                           "input": input ?? .null, "via": .string(via), "at": .string(at.formatted(.iso8601))]
        if let tokenID { object["token_id"] = .string(tokenID) }
        return .object(object)
    }

    /// A decision read back from its event data.
    init?(json: JSONValue?, at time: Date) {
        guard let json, case .bool(let approved)? = json["approved"], let by = json["by"]?.stringValue else { return nil }
        self.init(approved: approved, by: by, note: json["note"]?.stringValue, input: json["input"].flatMap { $0 == .null ? nil : $0 },
                  via: json["via"]?.stringValue ?? "api", tokenID: json["token_id"]?.stringValue, at: time)
    }
}
