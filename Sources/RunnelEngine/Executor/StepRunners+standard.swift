public import AsyncHTTPClient
import Foundation
public import RunnelCore

extension StepRunners {
    /// The real runners: `http_request`, `webhook` and `wait` checks through `httpClient`,
    /// `script` through subprocesses in folders under `temporaryRoot` (default: the system's), and `agent_task`
    /// failing until a model provider is configured.
    public static func standard(httpClient: HTTPClient? = nil,
                                temporaryRoot: String? = nil) -> StepRunners {
        let transport = HTTPTransport(client: httpClient ?? HTTPTransport.sharedClient)
        return StepRunners([
            .httpRequest: HTTPRequestStep(transport: transport),
            .webhook: WebhookStep(transport: transport),
            .wait: WaitStep(transport: transport),
            .script: ScriptStep(temporaryRoot: temporaryRoot ?? NSTemporaryDirectory()),
            .agentTask: UnconfiguredAgentTaskStep(),
        ])
    }
}
