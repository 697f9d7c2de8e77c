import RunnelCore

/// `agent_task`: a chat model works toward the step's goal, calling the tools the step
/// names (and `search_knowledge` over its `knowledge` folders) until it gives a final
/// answer, which must match `output_schema` when there is one. Every turn, tool call and
/// tool result is recorded as a run event as it happens.
struct AgentTaskStep: StepRunner {
    /// The providers of `runnel.yaml`, read when a step starts.
    let providers: ProviderCatalogBox
    let transport: HTTPTransport
    let scripts: ScriptStep
    let knowledge: KnowledgeCache

    func run(_ invocation: StepInvocation) async -> StepOutcome {
        guard case .agentTask(let config) = invocation.step.config else {
            return .failed("not an agent_task step", output: nil)
        }
        guard let services = invocation.services else {
            return .failed("agent_task steps run only inside a run of the engine", output: nil)
        }
        let session: AgentSession
        do {
            session = try await AgentSession.prepare(config, invocation: invocation, services: services, step: self)
        } catch {
            return .failed(error.description, output: nil)
        }
        return await session.run()
    }
}
