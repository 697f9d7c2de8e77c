import RunnelCore

/// `agent_task` without a model provider: fails with a clear reason, never a made-up answer.
struct UnconfiguredAgentTaskStep: StepRunner {
    func run(_ invocation: StepInvocation) async -> StepOutcome {
        .failed("no model provider configured: agent_task steps need a provider (providers: in runnel.yaml), which this version of Runnel cannot call yet", output: nil)
    }
}
