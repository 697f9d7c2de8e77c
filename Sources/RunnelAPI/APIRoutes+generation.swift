import Hummingbird
import RunnelCore
import RunnelDaemon

extension APIRoutes {
    /// Generated workflows: a model writes a draft on a `drafts/<id>` branch; only an
    /// approval (a person with the write scope) merges it into the watched branch.
    func addGenerationRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/workflows/generate") { request, _ in
            let body = try await RequestBody.object(request)
            guard let goal = body["goal"]?.stringValue else { throw APIError.badRequest("'goal' is required: what the workflow should do") }
            let schedule = try Self.optionalString(body, "schedule"), name = try Self.optionalString(body, "name")
            // A cron that doesn't parse is well-formed JSON with a wrong meaning: 422, as an invalid definition is.
            if let schedule {
                do {
                    _ = try CronExpression(parsing: schedule)
                } catch {
                    throw APIError(status: .unprocessableContent, code: "invalid_schedule", message: "'schedule' is not a cron expression: \(error)")
                }
            }
            let draft = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.drafts.generateWorkflow(goal: goal, schedule: schedule, name: name, author: Self.principal(request))
            }
            return JSONResponse.make(Self.draft(draft), status: .created)
        }
        router.post("/api/workflows/{id}/regenerate-steps") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            guard let reason = body["reason"]?.stringValue else { throw APIError.badRequest("'reason' is required: what to change in the steps") }
            let draft = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.drafts.regenerateSteps(id, reason: reason, author: Self.principal(request))
            }
            return JSONResponse.make(Self.draft(draft), status: .created)
        }
        router.post("/api/workflows/{id}/approve") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.drafts.approveDraft(id, message: try? Self.optionalString(body, "change_summary"), author: Self.principal(request),
                                              base: base)
            }
            var answer = Self.written(id, result, status: .ok)
            answer.headers[.location] = "/api/workflows/" + id.split(separator: "/").joined(separator: "%2F")
            return answer
        }
    }

    static func draft(_ draft: DraftService.Draft) -> JSONValue {
        ["id": .string(draft.id), "branch": .string(draft.branch), "commit": .string(draft.commit), "status": "draft",
         "yaml": .string(draft.yaml), "plan": draft.plan, "turns": .number(Double(draft.turns)),
         "repairs": .array(draft.repairs.map { .array($0.map(JSONValue.string)) })]
    }
}
