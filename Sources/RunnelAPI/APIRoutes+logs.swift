import Foundation
import Hummingbird
import RunnelCore
import RunnelEngine

extension APIRoutes {
    /// The most lines `tail` may ask for.
    static let maxLogTail = 100_000

    /// `GET /api/runs/{run_id}/logs?step=ID&tail=N`: the lines the run's steps logged (a
    /// script's stdout and stderr, requests, agent turns), masked, oldest first; of one step
    /// with `step`, only the last N with `tail`.
    func addLogRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/runs/{run_id}/logs") { request, context in
            let id = context.parameters.get("run_id") ?? ""
            guard await daemon.store.record(id) != nil else { throw APIError.notFound("run '\(id)' not found") }
            let query = request.uri.queryParameters
            let step = query.get("step")
            if let step, step.isEmpty { throw APIError.badRequest("'step' must be a step id") }
            var tail: Int?
            if let text = query.get("tail") {
                guard let number = Int(text), (1...Self.maxLogTail).contains(number) else {
                    throw APIError.badRequest("'tail' must be a whole number from 1 to \(Self.maxLogTail), not '\(text)'")
                }
                tail = number
            }
            let lines: [StepLogLine]
            do {
                lines = try await daemon.store.log(of: id, step: step, tail: tail)
            } catch {
                throw APIError.notFound("\(error)")
            }
            return JSONResponse.make(["run_id": .string(id), "step": step.map(JSONValue.string) ?? .null,
                                      "lines": .array(lines.map(\.json))])
        }
    }
}
