import Foundation
import RunnelCore

/// `http_request`: one HTTP call; output `{status_code, headers, body}`. A status that isn't
/// expected fails the step and keeps the output. The request and its answer are logged
/// (`http` lines: method, URL, status, size and time; secrets masked).
struct HTTPRequestStep: StepRunner {
    let transport: HTTPTransport

    func run(_ invocation: StepInvocation) async -> StepOutcome {
        guard case .httpRequest(let config) = invocation.step.config else {
            return .failed("not an http_request step", output: nil)
        }
        let log = invocation.services?.log(runID: invocation.runID)
        do {
            let call = try transport.prepare(HTTPCall(config, in: invocation.context), through: config.connection?.value, for: invocation)
            log?.write(.http, "\(call.method.rawValue) \(call.url)")
            let began = ContinuousClock.now
            let response: HTTPTransport.Response
            do {
                response = try await transport.send(call)
            } catch {
                log?.write(.http, "\(call.method.rawValue) \(call.url) failed: \(error.description)")
                await log?.flush()
                return .failed(error.description, output: nil)
            }
            log?.write(.http, "\(call.method.rawValue) \(call.url) answered \(response.status) in \(Int((ContinuousClock.now - began).seconds * 1000)) ms")
            await log?.flush()
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
