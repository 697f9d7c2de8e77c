/// One step of a workflow.
public struct Step: Sendable, Hashable {
    /// Unique id within the workflow (`[A-Za-z_][A-Za-z0-9_-]*`).
    public var id: Located<String>
    /// Display name.
    public var name: String?
    /// The step type and its settings.
    public var config: StepConfig
    /// Where `type:` is written (the step's start when it is missing).
    public var typeLocation: SourceLocation
    /// Ids of the steps that must finish first.
    public var dependsOn: [Located<String>]
    /// Run the step only when this expression holds (with or without `${{ }}`).
    public var condition: Located<String>?
    /// Limit on one attempt.
    public var timeout: Located<Duration>?
    /// Retry policy (overrides `defaults.retry`).
    public var retry: RetryPolicy?
    /// When true, a failure of this step does not fail the run.
    public var continueOnError: Bool
    /// The `config` mapping as written.
    public var rawConfig: SourceValue?
    /// Where the step's mapping starts.
    public var location: SourceLocation

    /// The step type.
    public var type: StepType { config.type }
}

/// The nine kinds of step.
public enum StepType: String, Sendable, Hashable, CaseIterable {
    case httpRequest = "http_request"
    case script
    case agentTask = "agent_task"
    case condition
    case loop
    case wait
    case webhook
    case approval
    case workflow
}
