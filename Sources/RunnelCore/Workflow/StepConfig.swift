/// The settings of a step, by type. String fields hold templates (`${{ … }}` allowed)
/// and are evaluated when the step runs.
public enum StepConfig: Sendable, Hashable {
    case httpRequest(HTTPRequestConfig)
    case script(ScriptConfig)
    case agentTask(AgentTaskConfig)
    case condition(ConditionConfig)
    indirect case loop(LoopConfig)
    case wait(WaitConfig)
    case webhook(WebhookConfig)
    case approval(ApprovalConfig)
    case workflow(WorkflowStepConfig)
    /// A step whose type is missing or unknown (reported by the loader).
    case invalid

    /// The step type (`.invalid` reports as `script`, never used for execution).
    public var type: StepType {
        switch self {
        case .httpRequest: .httpRequest
        case .script, .invalid: .script
        case .agentTask: .agentTask
        case .condition: .condition
        case .loop: .loop
        case .wait: .wait
        case .webhook: .webhook
        case .approval: .approval
        case .workflow: .workflow
        }
    }
}
