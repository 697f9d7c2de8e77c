import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension APIRoutes {
    /// Schedule writes: commits that add to or remove from a workflow's `on.schedule`.
    /// A schedule's id is `<workflow-id>#<name>` (`name` is its `id:` or its index), as
    /// `GET /api/workflows/{id}/schedules` lists it; in a URL it is percent-encoded
    /// (`data%2Fetl%23nightly`), and `:` may stand for `#` (`data%2Fetl:nightly`).
    func addScheduleRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/workflows/{id}/schedules") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            guard let cron = body["cron"]?.stringValue else { throw APIError.badRequest("'cron' is required: a cron expression like \"0 9 * * 1-5\"") }
            if let inputs = body["inputs"], inputs != .null, inputs.objectValue == nil { throw APIError.badRequest("'inputs' must be an object") }
            let schedule = WorkflowWriter.NewSchedule(cron: cron, timezone: try Self.optionalString(body, "timezone"), id: try Self.optionalString(body, "id"),
                                              catchup: try Self.optionalString(body, "catchup"), inputs: body["inputs"].flatMap { $0 == .null ? nil : $0 })
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let (write, info) = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.addSchedule(schedule, to: id, message: Self.message(body, "Add a schedule to \(id) (\(cron))"),
                                             author: Self.principal(request), base: base)
            }
            var answer: [String: JSONValue] = ["workflow_id": .string(id), "commit": .string(write.commit)]
            answer["schedule"] = info.map(Self.schedule) ?? .null
            return JSONResponse.make(.object(answer), status: .created)
        }
        router.delete("/api/schedules/{id}") { request, context in
            guard let raw = context.parameters.get("id"), let decoded = raw.removingPercentEncoding,
                  let split = decoded.lastIndex(where: { $0 == "#" || $0 == ":" }) else {
                throw APIError.badRequest("a schedule id is <workflow-id>#<name> (percent-encoded, ':' may stand for '#')")
            }
            let workflowID = String(decoded[..<split]), name = String(decoded[decoded.index(after: split)...])
            if let problem = WorkflowID.problem(with: workflowID) { throw APIError.badRequest("invalid workflow id '\(workflowID)': \(problem)") }
            guard !name.isEmpty else { throw APIError.badRequest("the schedule id '\(decoded)' names no schedule after its '#'") }
            let body = try await RequestBody.object(request)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let write = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.deleteSchedule(name, of: workflowID, message: Self.message(body, "Remove schedule \(name) from \(workflowID)"),
                                                author: Self.principal(request), base: base)
            }
            return JSONResponse.make(["id": .string(workflowID + "#" + name), "workflow_id": .string(workflowID),
                                      "commit": .string(write.commit), "deleted": true])
        }
    }

    static func schedule(_ schedule: ScheduleService.ScheduleInfo) -> JSONValue {
        ["id": .string(schedule.id), "cron": .string(schedule.cron), "timezone": .string(schedule.timezone),
         "catchup": .string(schedule.catchup), "next": .array(schedule.next.map { .string($0.formatted(.iso8601)) }),
         "handled_through": schedule.handledThrough.map { .string($0.formatted(.iso8601)) } ?? .null]
    }
}
