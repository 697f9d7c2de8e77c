/// Per-workflow concurrency policy.
public struct ConcurrencyPolicy: Sendable, Hashable {
    /// The most runs of this workflow that may run at once.
    public var limit: Int
    /// What a new run does when the limit is reached.
    public var onConflict: ConflictAction

    /// Creates a policy.
    public init(limit: Int, onConflict: ConflictAction) {
        self.limit = limit
        self.onConflict = onConflict
    }
}

/// What a new run does when its workflow's concurrency limit is reached.
public enum ConflictAction: String, Sendable, Hashable, CaseIterable {
    case queue, reject
    case cancelRunning = "cancel_running"
}

/// Retry policy of a step.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts, the first one included.
    public var attempts: Int
    /// How the delay grows between attempts.
    public var backoff: Backoff
    /// Delay before the second attempt.
    public var initial: Duration
    /// Upper bound of the delay.
    public var max: Duration
    /// Whether a random jitter (up to 20%) is added to each delay.
    public var jitter: Bool

    /// Creates a policy.
    public init(attempts: Int, backoff: Backoff, initial: Duration, max: Duration, jitter: Bool) {
        self.attempts = attempts
        self.backoff = backoff
        self.initial = initial
        self.max = max
        self.jitter = jitter
    }

    /// One attempt, no retry.
    public static let none = RetryPolicy(attempts: 1, backoff: .constant, initial: .seconds(1), max: .seconds(60), jitter: false)
}

/// Growth of the delay between attempts.
public enum Backoff: String, Sendable, Hashable, CaseIterable {
    case constant, exponential
}

/// Defaults applied to every step of a workflow.
public struct StepDefaults: Sendable, Hashable {
    /// Step timeout when a step sets none.
    public var timeout: Located<Duration>?
    /// Retry policy when a step sets none.
    public var retry: RetryPolicy?

    /// No defaults.
    public init(timeout: Located<Duration>? = nil, retry: RetryPolicy? = nil) {
        self.timeout = timeout
        self.retry = retry
    }
}

/// A tool that agent steps may call (declared under top-level `tools:`).
public struct ToolSpec: Sendable, Hashable {
    /// The tool's name, as the model sees it.
    public var name: Located<String>
    /// What the tool does, as the model sees it.
    public var description: String
    /// How the tool runs.
    public var kind: ToolKind
    /// JSON Schema of the arguments.
    public var parameters: JSONValue?
    /// Kind-specific settings as written (a request, a script, a workflow id).
    public var config: SourceValue?
    /// The settings read like a step's config: `.httpRequest`, `.script` or `.workflow`
    /// (`.invalid` when they could not be read).
    public var action: StepConfig
    /// Whether each call waits for a human's approval.
    public var requiresApproval: Bool
    /// Where the declaration starts.
    public var location: SourceLocation
}

/// How a tool runs.
public enum ToolKind: String, Sendable, Hashable, CaseIterable {
    case http, script, workflow
}
