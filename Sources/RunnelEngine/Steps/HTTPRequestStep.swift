import RunnelCore

/// `http_request`: one HTTP call; output `{status_code, headers, body}`. A status that isn't
/// expected fails the step and keeps the output.
struct HTTPRequestStep: StepRunner {
    let transport: HTTPTransport

    func run(_ invocation: StepInvocation) async -> StepOutcome {
        guard case .httpRequest(let config) = invocation.step.config else {
            return .failed("not an http_request step", output: nil)
        }
        do {
            let call = try HTTPCall(config, in: invocation.context)
            let response = try await transport.send(call)
            guard call.accepts(response.status) else {
                let expected = call.expectedStatus.isEmpty ? "a 2xx status" : call.expectedStatus.map(String.init).joined(separator: ", ")
                return .failed("\(call.method.rawValue) \(call.url) answered \(response.status), expected \(expected)", output: response.output)
            }
            return .completed(response.output)
        } catch {
            return .failed(error.description, output: nil)
        }
    }
}
