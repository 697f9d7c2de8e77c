import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

extension APIRoutes {
    func addTriggerRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/events") { request, _ in
            let body = try await RequestBody.object(request)
            guard case .string(let type)? = body["type"], !type.isEmpty else {
                throw APIError.badRequest("'type' (a string) is required")
            }
            let (runs, problems) = await daemon.launcher.post(event: type, payload: body["payload"] ?? .null)
            return JSONResponse.make(["runs": .array(runs.map { .string($0.id) }), "problems": .array(problems.map(JSONValue.string))],
                                     status: .accepted)
        }
        // Inbound webhooks need no API key: a hook with a secret checks the body's signature.
        router.post("/hooks/{workflow}/{hook}") { request, context in
            let workflowID = try context.parameters.workflowID("workflow")
            let hookID = context.parameters.get("hook") ?? ""
            let bytes = try await RequestBody.bytes(request)
            if let secretName = await daemon.launcher.webhookSecret(workflowID: workflowID, hookID: hookID) {
                let header = request.headers.first { ["x-hub-signature-256", "x-runnel-signature"].contains($0.name.canonicalName) }?.value
                guard let secret = daemon.secrets.value(named: secretName),
                      WebhookSignature.isValid(header, body: bytes, secret: secret) else {
                    throw APIError.unauthorized("the signature is missing or does not match")
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let payload = (try? JSONParser.parse(text)) ?? .string(text)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let fields = headers
            let start = { @Sendable [daemon] in await daemon.launcher.webhook(workflowID: workflowID, hookID: hookID, payload: payload, headers: fields) }
            // A delivery id seen within the window (72 h) is a replay: 200 with the original run.
            guard let delivery = WebhookDeliveries.headers.lazy.compactMap({ headers[$0] }).first else {
                return try Self.hookAnswer(.init(await start()))
            }
            guard !delivery.isEmpty, delivery.count <= 200 else { throw APIError.badRequest("the delivery id must be 1 to 200 characters") }
            let logger = context.logger
            let outcome = await deliveries.deliver(workflowID + "/" + hookID + "/" + delivery, now: Date(), start: start) { error in
                logger.error("webhook delivery not recorded", metadata: ["runnel.delivery": .string(delivery), "runnel.error": .string(error.description)])
            }
            return try Self.hookAnswer(outcome)
        }
    }

    /// The answer to an inbound hook: 202 with a new run, 200 with the run a replayed
    /// delivery started; 404 for an unknown hook, 400 for inputs that don't fit, 409 for a
    /// concurrency refusal.
    static func hookAnswer(_ outcome: WebhookDeliveries.Outcome) throws -> Response {
        switch outcome {
        case .started(let record): return JSONResponse.make(["run_id": .string(record.id)], status: .accepted)
        case .duplicate(let runID): return JSONResponse.make(["run_id": .string(runID), "duplicate": true])
        case .refused(let error): throw APIError(error)
        case .storeFailed(let error): throw APIError(status: .internalServerError, code: "storage", message: error.description)
        }
    }
}

extension WebhookDeliveries.Outcome {
    /// A delivery without an id: started, or refused.
    init(_ result: Result<RunRecord, EngineError>) {
        switch result {
        case .success(let record): self = .started(record)
        case .failure(let error): self = .refused(error)
        }
    }
}
