public import AsyncHTTPClient
import Foundation
public import RunnelCore

extension StepRunners {
    /// The real runners: `http_request`, `webhook` and `wait` checks through `httpClient`,
    /// `script` through subprocesses in folders under `temporaryRoot` (default: the system's), and
    /// `agent_task` through the model providers in `providers` (read when each step starts;
    /// none: agent steps fail saying that no provider is configured). Requests with a
    /// `connection:` go through the connections in `connections`.
    public static func standard(httpClient: HTTPClient? = nil, temporaryRoot: String? = nil,
                                providers: ProviderCatalogBox = ProviderCatalogBox(),
                                connections: ConnectionCatalogBox = ConnectionCatalogBox()) -> StepRunners {
        let transport = HTTPTransport(client: httpClient ?? HTTPTransport.sharedClient, connections: connections)
        let scripts = ScriptStep(temporaryRoot: temporaryRoot ?? NSTemporaryDirectory())
        return StepRunners([
            .httpRequest: HTTPRequestStep(transport: transport),
            .webhook: WebhookStep(transport: transport),
            .wait: WaitStep(transport: transport),
            .script: scripts,
            .agentTask: AgentTaskStep(providers: providers, transport: transport, scripts: scripts, knowledge: KnowledgeCache()),
        ])
    }
}
