/// What an expression can see when it is evaluated: the named contexts and the run's status.
public struct EvaluationContext: Sendable {
    /// The contexts by name: `inputs`, `steps`, `event`, `secrets`, `env`, `run`, `workflow`,
    /// `loop`, …; a name that is missing here evaluates to `null`.
    public var contexts: [String: JSONValue]
    /// Whether a step before this point failed: drives `success()` and `failure()`.
    public var anyStepFailed: Bool
    /// Whether the run is being cancelled: drives `cancelled()` and `success()`.
    public var cancelled: Bool

    /// Creates a context.
    /// - Parameters:
    ///   - contexts: The contexts by name.
    ///   - anyStepFailed: Whether a step before this point failed.
    ///   - cancelled: Whether the run is being cancelled.
    public init(contexts: [String: JSONValue] = [:], anyStepFailed: Bool = false, cancelled: Bool = false) {
        self.contexts = contexts
        self.anyStepFailed = anyStepFailed
        self.cancelled = cancelled
    }
}
