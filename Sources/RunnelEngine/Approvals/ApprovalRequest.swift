public import RunnelCore

/// What a run waits for a person to decide: an `approval` step, or anything else that pauses
/// on ``Engine/decide(runID:stepID:_:)`` (an agent's tool call that needs approval). The
/// wait is named by its run and `stepID` (a step id, or any id unique in the run).
public struct ApprovalRequest: Sendable, Hashable {
    /// The run that waits.
    public var runID: String
    /// The wait's id within the run (the approval step's id).
    public var stepID: String
    /// What waits: `approval` for approval steps; other parts name theirs (`tool_call`).
    public var kind: String
    /// What the approvers are asked.
    public var message: String?
    /// Who may decide (API key names or email addresses); anyone allowed when empty.
    public var approvers: [String]
    /// Distinct approvals needed (one rejection rejects).
    public var required: Int
    /// How long to wait.
    public var timeout: Duration?
    /// What a timeout means.
    public var onTimeout: ApprovalTimeoutAction
    /// JSON Schema that an approval's `input` must match.
    public var inputSchema: JSONValue?
    /// Addresses to email when the wait starts.
    public var notifyEmail: [String]
    /// What the kind needs shown (a tool call: `{tool, arguments, call_id}`).
    public var data: JSONValue?

    /// Creates a request.
    public init(runID: String, stepID: String, kind: String = "approval", message: String? = nil, approvers: [String] = [],
                required: Int = 1, timeout: Duration? = nil, onTimeout: ApprovalTimeoutAction = .reject,
                inputSchema: JSONValue? = nil, notifyEmail: [String] = [], data: JSONValue? = nil) {
        self.runID = runID
        self.stepID = stepID
        self.kind = kind
        self.message = message
        self.approvers = approvers
        self.required = max(1, required)
        self.timeout = timeout
        self.onTimeout = onTimeout
        self.inputSchema = inputSchema
        self.notifyEmail = notifyEmail
        // JSON null is no data (an expression that found nothing): nothing to show as details.
        self.data = data == .null ? nil : data
    }
}

/// How a wait ended, as the engine tells the part that waited.
public enum ApprovalResolution: Sendable, Hashable {
    /// The approvers decided (see ``ApprovalWait/outcome``).
    case decided(ApprovalWait)
    /// Nobody decided in time; `on_timeout` decides.
    case timedOut(ApprovalWait)
    /// The run was cancelled while it waited.
    case cancelled

    /// What the wait decided (``ApprovalWait/output(timedOut:)``); nil when it was cancelled.
    public var output: JSONValue? {
        switch self {
        case .decided(let wait): wait.output(timedOut: false)
        case .timedOut(let wait): wait.output(timedOut: true)
        case .cancelled: nil
        }
    }
}
