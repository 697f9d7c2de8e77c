import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

extension APIRoutes {
    func addRunRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/runs") { request, _ in
            try await Self.runList(request, daemon: daemon, workflowID: request.uri.queryParameters.get("workflow"))
        }
        router.get("/api/runs/{run_id}") { _, context in
            let id = context.parameters.get("run_id") ?? ""
            guard let text = await daemon.store.recordText(id) else { throw APIError.notFound("run '\(id)' not found") }
            return JSONResponse.make(text: text)
        }
        router.post("/api/runs/{run_id}/cancel") { request, context in
            let id = context.parameters.get("run_id") ?? ""
            let stop = try await Self.stop(request)
            guard let record = await daemon.store.record(id) else { throw APIError.notFound("run '\(id)' not found") }
            guard await daemon.engine.cancel(id, stop) else {
                throw APIError(status: .conflict, code: "conflict",
                               message: "run '\(id)' is \(record.status.rawValue); only a queued, running or paused run can be cancelled")
            }
            return JSONResponse.make(["run_id": .string(id), "status": "cancelling", "stopped_by": .string(stop.by),
                                      "reason": .string(stop.reason)], status: .accepted)
        }
        router.post("/api/runs/{run_id}/pause") { request, context in
            let id = context.parameters.get("run_id") ?? ""
            var stop = try await Self.stop(request)
            if stop.reason == RunStop.defaultReason { stop.reason = "Paused by user" }
            do {
                _ = try await daemon.engine.pause(id, stop)
            } catch let error as EngineError {
                throw APIError(error)
            }
            return JSONResponse.make(["run_id": .string(id), "status": "pausing", "stopped_by": .string(stop.by),
                                      "reason": .string(stop.reason)], status: .accepted)
        }
        router.post("/api/runs/{run_id}/resume") { request, context in
            let id = context.parameters.get("run_id") ?? ""
            let body = try await RequestBody.object(request)
            if let from = body["from_step"], from.stringValue == nil, from != .null {
                throw APIError.badRequest("'from_step' must be a step id")
            }
            if let input = body["input"], input != .null {
                // A run that waits for data: the input approves its wait (checked against its input_schema).
                let waits = await daemon.engine.waitingApprovals.filter { $0.request.runID == id }
                let stepID = body["step_id"]?.stringValue ?? (waits.count == 1 ? waits.first?.request.stepID : nil)
                guard let stepID else {
                    throw APIError(status: .conflict, code: "conflict", message: waits.isEmpty
                        ? "run '\(id)' is not waiting for input"
                        : "run '\(id)' waits at several steps (\(waits.map(\.request.stepID).joined(separator: ", "))): name one as 'step_id'")
                }
                let decision = ApprovalDecision(approved: true, by: Self.principal(request), note: body["note"]?.stringValue, input: input)
                return try await Self.apply(decision, runID: id, stepID: stepID, daemon: daemon)
            }
            do {
                let record = try await daemon.engine.resume(id, fromStep: body["from_step"]?.stringValue)
                daemon.launcher.follow(record.id)
                return JSONResponse.make(["run_id": .string(id), "status": "resuming"], status: .accepted)
            } catch let error as EngineError {
                throw APIError(error)
            }
        }
        router.delete("/api/runs/{run_id}") { _, context in
            let id = context.parameters.get("run_id") ?? ""
            guard await daemon.store.record(id) != nil else { throw APIError.notFound("run '\(id)' not found") }
            do {
                try await daemon.store.delete(id)
            } catch let error as RunStoreError {
                switch error.code {
                case .notFinished: throw APIError(status: .conflict, code: "conflict", message: error.description)
                case .notFound: throw APIError.notFound(error.description)
                default: throw APIError(status: .internalServerError, code: "storage", message: error.description)
                }
            }
            return Response(status: .noContent)
        }
    }

    /// Who stops or pauses a run (the key's name) and why (the body's optional `reason`).
    static func stop(_ request: Request) async throws -> RunStop {
        let body = try await RequestBody.object(request)
        if let reason = body["reason"], reason.stringValue == nil, reason != .null {
            throw APIError.badRequest("'reason' must be a string")
        }
        return RunStop(by: principal(request), reason: body["reason"]?.stringValue)
    }

    /// A list of runs; a filter or a page value that can't be read is a 400 saying which.
    static func runList(_ request: Request, daemon: DaemonServices, workflowID: String?) async throws -> Response {
        let query = request.uri.queryParameters
        let status = try ListQuery.status(request, allowed: RunStatus.allCases.map(\.rawValue)).flatMap(RunStatus.init(rawValue:))
        func time(_ name: String) throws -> Date? {
            guard let text = query.get(name) else { return nil }
            guard let date = RFC3339.date(text) else { throw APIError.badRequest("'\(name)' must be an ISO 8601 time, not '\(text)'") }
            return date
        }
        let page = try ListQuery(request)
        let before = query.get("before")
        if let before, before.isEmpty { throw APIError.badRequest("'before' must be a run id (the next_cursor of the previous page)") }
        let found = await daemon.store.list(RunQuery(workflowID: workflowID, status: status, trigger: query.get("trigger"), since: try time("since"),
                                                     until: try time("until"), before: before, limit: page.limit, offset: page.offset))
        return JSONResponse.make(["runs": .array(found.runs.map(runSummary)), "total": .number(Double(found.total)),
                                  "next_cursor": found.nextCursor.map(JSONValue.string) ?? .null])
    }
}
