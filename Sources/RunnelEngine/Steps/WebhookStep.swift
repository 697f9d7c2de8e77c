import Foundation
import RunnelCore

/// `webhook`: an outbound JSON request, signed with `X-Runnel-Signature: sha256=<hex>` (an
/// HMAC-SHA256 of the exact body bytes) when the step names a secret. Any 2xx succeeds.
struct WebhookStep: StepRunner {
    let transport: HTTPTransport

    /// The header that carries the signature.
    static let signatureHeader = "X-Runnel-Signature"

    func run(_ invocation: StepInvocation) async -> StepOutcome {
        guard case .webhook(let config) = invocation.step.config else {
            return .failed("not a webhook step", output: nil)
        }
        do {
            let url = try HTTPCall.text(of: config.url.value, field: "url", in: invocation.context)
            var headers = try HTTPCall.pairs(config.headers, field: "headers", in: invocation.context)
            let payload: JSONValue = try config.body.map { value throws(StepFailure) in
                do {
                    return try value.evaluated(in: invocation.context)
                } catch {
                    throw StepFailure("'body' could not be evaluated: \(error)")
                }
            } ?? .object([:])
            let body = payload.serialized()
            if let name = config.secret?.value {
                guard let key = invocation.secrets.value(named: name) else {
                    throw StepFailure("secret '\(name)' is not set (RUNNEL_SECRET_\(name) or the secrets file)")
                }
                headers.append((Self.signatureHeader, WebhookSignature.sign(Array(body.utf8), secret: key)))
            }
            headers.append(("X-Runnel-Run-ID", invocation.runID))
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(("Content-Type", "application/json"))
            }
            // The signed bytes are the sent bytes: the body goes out as this exact text.
            let call = try transport.prepare(HTTPCall(method: config.method, url: url, headers: headers, body: .text(body)),
                                             through: config.connection?.value, for: invocation)
            let response = try await transport.send(call)
            guard call.accepts(response.status) else {
                return .failed("webhook \(call.url) answered \(response.status), expected a 2xx status", output: response.output)
            }
            return .completed(response.output)
        } catch {
            return .failed(String(describing: error), output: nil)
        }
    }
}
