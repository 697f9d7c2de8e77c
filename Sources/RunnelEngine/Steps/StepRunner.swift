public import RunnelCore

/// Runs one attempt of one kind of step.
///
/// The executor evaluates nothing for a runner: the runner evaluates the templates of its
/// config with `invocation.context` (``SourceValue/evaluated(in:)``). It must honour task
/// cancellation promptly (a timeout or a cancelled run cancels the task): a script kills its
/// process group, a request is aborted.
public protocol StepRunner: Sendable {
    /// Runs one attempt and says how it ended.
    func run(_ invocation: StepInvocation) async -> StepOutcome
}

/// Everything one attempt of a step can see.
public struct StepInvocation: Sendable {
    /// The run's id.
    public var runID: String
    /// The workflow's id.
    public var workflowID: String
    /// The step (its config is `step.config`, its raw config `step.rawConfig`).
    public var step: Step
    /// 1-based attempt number.
    public var attempt: Int
    /// Contexts for expressions: inputs, steps, event, secrets, env, run, workflow (and loop).
    public var context: EvaluationContext
    /// Secret values by name, for fields that name a secret (a webhook's `secret`).
    public var secrets: any SecretStore
    /// Workflow-level `env`, already evaluated (scripts get it under their own `env`).
    public var environment: [String: String]
    /// The run's services (events, approvals, child runs, files); set by the executor.
    var services: StepServices?

    /// Creates an invocation.
    public init(runID: String, workflowID: String, step: Step, attempt: Int, context: EvaluationContext,
                secrets: any SecretStore, environment: [String: String] = [:]) {
        self.runID = runID
        self.workflowID = workflowID
        self.step = step
        self.attempt = attempt
        self.context = context
        self.secrets = secrets
        self.environment = environment
    }
}

/// How one attempt of a step ended.
public enum StepOutcome: Sendable, Equatable {
    /// It succeeded with this output.
    case completed(JSONValue)
    /// It failed: the reason, and what output it had (an HTTP response with an unexpected status).
    case failed(String, output: JSONValue?)

    /// The output, whichever way it ended.
    public var output: JSONValue? {
        switch self {
        case .completed(let output): output
        case .failed(_, let output): output
        }
    }
}
