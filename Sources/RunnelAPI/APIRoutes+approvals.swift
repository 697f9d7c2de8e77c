import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

extension APIRoutes {
    func addApprovalRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/approvals") { request, _ in
            let runID = request.uri.queryParameters.get("run_id")
            let waits = await daemon.engine.waitingApprovals.filter { runID == nil || $0.request.runID == runID }
            return JSONResponse.make(["approvals": .array(waits.map(\.json))])
        }
        router.post("/api/runs/{run_id}/approvals/{step_id}") { request, context in
            let runID = context.parameters.get("run_id") ?? ""
            // A wait id may hold '/' (percent-encoded), as other kinds of waits may name theirs.
            let stepID = context.parameters.get("step_id").map { $0.removingPercentEncoding ?? $0 } ?? ""
            let body = try await RequestBody.object(request)
            guard let action = body["action"]?.stringValue.flatMap(ApprovalToken.Action.init(rawValue:)) else {
                throw APIError.badRequest("'action' must be \"approve\" or \"reject\"")
            }
            let decision = try Self.decision(approved: action == .approve, by: Self.principal(request), body)
            return try await Self.apply(decision, runID: runID, stepID: stepID, daemon: daemon)
        }
    }

    /// A decision from a request body's `note` and `input`.
    static func decision(approved: Bool, by principal: String, _ body: [String: JSONValue], via: String = "api",
                         tokenID: String? = nil) throws -> ApprovalDecision {
        if let note = body["note"], note != .null, note.stringValue == nil { throw APIError.badRequest("'note' must be a string") }
        let input = body["input"].flatMap { $0 == .null ? nil : $0 }
        return ApprovalDecision(approved: approved, by: principal, note: body["note"]?.stringValue, input: input, via: via, tokenID: tokenID)
    }

    /// Records `decision` and answers with the wait's state.
    static func apply(_ decision: ApprovalDecision, runID: String, stepID: String, daemon: DaemonServices) async throws -> Response {
        switch await decide(daemon.engine, runID, stepID, decision) {
        case .success(let wait):
            return JSONResponse.make(decisionBody(wait))
        case .failure(let error):
            if error.kind == .notFound, await daemon.store.record(runID) == nil { throw APIError.notFound("run '\(runID)' not found") }
            throw APIError(error)
        }
    }

    /// The engine's answer as a value (typed throws are kept out of the routes' closures).
    static func decide(_ engine: Engine, _ runID: String, _ stepID: String, _ decision: ApprovalDecision) async -> Result<ApprovalWait, EngineError> {
        do {
            return .success(try await engine.decide(runID: runID, stepID: stepID, decision))
        } catch {
            return .failure(error)
        }
    }

    static func decisionBody(_ wait: ApprovalWait) -> JSONValue {
        let state: String = switch wait.outcome {
        case true?: "approved"
        case false?: "rejected"
        case nil: "waiting"
        }
        return ["run_id": .string(wait.request.runID), "step_id": .string(wait.request.stepID), "status": .string(state),
                "remaining": .number(Double(wait.remaining)), "decisions": .array(wait.decisions.map(\.json))]
    }
}
