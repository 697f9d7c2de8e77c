import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

extension APIRoutes {
    func addWorkflowRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/workflows") { request, _ in
            let query = request.uri.queryParameters
            let page = try ListQuery(request)
            let state = try ListQuery.status(request, allowed: WorkflowStatus.allCases.map(\.rawValue) + ["invalid"])
            var entries = daemon.workflows.values.sorted { $0.id < $1.id }
            if let state { entries = entries.filter { $0.state == state } }
            if let tag = query.get("tag") { entries = entries.filter { $0.active?.workflow.tags.contains(tag) == true } }
            if let kind = query.get("trigger_type") {
                guard Self.triggerTypes.contains(kind) else {
                    throw APIError.badRequest("'trigger_type' must be one of \(Self.triggerTypes.joined(separator: ", ")), not '\(kind)'")
                }
                entries = entries.filter { $0.active.map { Self.triggerKinds(of: $0.workflow).contains(kind) } ?? false }
            }
            if let text = query.get("q")?.lowercased() {
                entries = entries.filter { $0.id.lowercased().contains(text) || ($0.active?.workflow.name.lowercased().contains(text) ?? false) }
            }
            let shown = entries.dropFirst(page.offset).prefix(page.limit)
            // The page's latest runs in one read of the store, not one per row.
            let latest = await daemon.store.latestRuns(of: shown.map(\.id))
            let items = shown.map { Self.summary($0, latest: latest[$0.id]) }
            return JSONResponse.make(["workflows": .array(items), "total": .number(Double(entries.count))])
        }
        router.get("/api/workflows/{id}") { _, context in
            let id = try context.parameters.workflowID("id")
            let snapshot = daemon.snapshot
            guard let entry = snapshot.workflows[id] else { throw APIError.notFound("workflow '\(id)' not found") }
            let latest = await daemon.store.list(RunQuery(workflowID: id, limit: 1)).runs.first
            // `commit` is the workflow's last change; a write is based on the branch tip.
            let tip = try await WriteBase.branchTip(daemon)
            // Made once per (snapshot, latest run, tip); repeated reads copy the encoded answer.
            let body = workflowBodies.body(of: id, key: .init(generation: snapshot.generation, latest: latest, tip: tip)) {
                Self.workflowBody(entry, latest: latest, tip: tip)
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            if let tip { headers[.eTag] = WriteBase.etag(tip) }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
        router.post("/api/workflows/{id}/run") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            guard case .object(let inputs) = body["input_data"] ?? .object([:]) else {
                throw APIError.badRequest("'input_data' must be an object")
            }
            // `trigger: mcp`: a run an agent started through Runnel's MCP tools (docs/mcp.md).
            let kind = try Self.optionalString(body, "trigger") ?? "manual"
            guard Self.requestableTriggers.contains(kind) else {
                throw APIError.badRequest("'trigger' must be one of: \(Self.requestableTriggers.joined(separator: ", ")); found '\(kind)'")
            }
            do {
                var details: [String: JSONValue] = ["via": "api"]
                if let principal = Self.authenticatedPrincipal(request) { details["started_by"] = .string(principal) }
                let record = try await daemon.launcher.startRun(workflowID: id, inputs: inputs, trigger: RunTrigger(type: kind, details: details))
                return JSONResponse.make(["run_id": .string(record.id), "workflow_id": .string(id), "status": .string(record.status.rawValue)],
                                         status: .accepted)
            } catch let error as EngineError {
                throw APIError(error)
            }
        }
        router.get("/api/workflows/{id}/status") { _, context in
            let id = try context.parameters.workflowID("id")
            guard let entry = daemon.workflows[id] else { throw APIError.notFound("workflow '\(id)' not found") }
            let total = entry.active?.workflow.steps.count ?? 0
            // The newest run that is furthest along: a running one before one that waits, before a queued one.
            var open: RunSummary?
            for status in Self.openStatusOrder where open == nil {
                open = await daemon.store.list(RunQuery(workflowID: id, status: status, limit: 1)).runs.first
            }
            guard let summary = open, let record = await daemon.store.record(summary.id) else {
                return JSONResponse.make(["workflow_id": .string(id), "status": "idle", "run_id": .null, "current_step": .null,
                                          "total_steps": .number(Double(total)), "progress": 0])
            }
            let done = record.stepRuns.filter { $0.status.isFinished }.count
            let current = record.stepRuns.last { $0.status == .running }?.stepID
            return JSONResponse.make(["workflow_id": .string(id), "status": .string(record.status.rawValue), "run_id": .string(record.id),
                                      "current_step": current.map(JSONValue.string) ?? .null, "total_steps": .number(Double(total)),
                                      "progress": .number(total == 0 ? 0 : min(1, Double(done) / Double(total)))])
        }
        router.get("/api/workflows/{id}/schedules") { _, context in
            let id = try context.parameters.workflowID("id")
            guard let schedules = await daemon.scheduler.schedules(of: id) else { throw APIError.notFound("workflow '\(id)' has no active version") }
            return JSONResponse.make(["schedules": .array(schedules.map(Self.schedule))])
        }
        router.get("/api/workflows/{id}/runs") { request, context in
            let id = try context.parameters.workflowID("id")
            return try await Self.runList(request, daemon: daemon, workflowID: id)
        }
    }

    /// The JSON text of `GET /api/workflows/{id}`: the summary, the errors, the branch tip and the definition.
    static func workflowBody(_ entry: WorkflowEntry, latest: RunSummary?, tip: String?) -> String {
        var body = summary(entry, latest: latest).objectValue ?? [:]
        body["errors"] = .array(entry.errors.map(diagnostic))
        body["branch_commit"] = tip.map(JSONValue.string) ?? .null
        body["definition"] = entry.active?.workflow.definition ?? .null
        return JSONValue.object(body).serialized()
    }

    /// The triggers a client may record on `POST /api/workflows/{id}/run`.
    static let requestableTriggers = ["manual", "mcp"]

    /// The values of `GET /api/workflows?trigger_type=`: `manual` is a workflow with no trigger.
    static let triggerTypes = ["manual", "schedule", "event", "webhook", "workflow", "mcp"]

    /// The trigger kinds a workflow declares, or `manual` when it declares none.
    static func triggerKinds(of workflow: Workflow) -> Set<String> {
        var kinds: Set<String> = []
        if !workflow.triggers.schedules.isEmpty { kinds.insert("schedule") }
        if !workflow.triggers.events.isEmpty { kinds.insert("event") }
        if !workflow.triggers.webhooks.isEmpty { kinds.insert("webhook") }
        if !workflow.triggers.workflows.isEmpty { kinds.insert("workflow") }
        if workflow.triggers.mcp != nil { kinds.insert("mcp") }
        return kinds.isEmpty ? ["manual"] : kinds
    }

    /// Which unfinished run `GET /api/workflows/{id}/status` reports: the first status that has one.
    static let openStatusOrder: [RunStatus] = [.running, .awaitingApproval, .paused, .queued]

    static func summary(_ entry: WorkflowEntry, latest: RunSummary?) -> JSONValue {
        let workflow = entry.active?.workflow
        return [
            "id": .string(entry.id), "path": .string(entry.path), "status": .string(entry.state),
            "name": workflow.map { .string($0.name) } ?? .null,
            "description": workflow?.description.map(JSONValue.string) ?? .null,
            "tags": .array((workflow?.tags ?? []).map(JSONValue.string)),
            "commit": entry.active.map { .string($0.commit) } ?? .null,
            "step_count": .number(Double(workflow?.steps.count ?? 0)),
            "error_count": .number(Double(entry.errors.count)),
            "latest_run": latest.map(runSummary) ?? .null,
            "mcp": workflow?.mcpTool ?? .null,
        ]
    }

    static func diagnostic(_ d: Diagnostic) -> JSONValue {
        ["file": .string(d.file), "line": .number(Double(d.line)), "column": .number(Double(d.column)),
         "severity": .string(d.severity.rawValue), "message": .string(d.message), "rule": .string(d.rule)]
    }

    static func runSummary(_ run: RunSummary) -> JSONValue {
        ["id": .string(run.id), "workflow_id": .string(run.workflowID), "status": .string(run.status.rawValue),
         "trigger": .string(run.trigger), "created_at": .string(run.createdAt.formatted(.iso8601)),
         "completed_at": run.completedAt.map { .string($0.formatted(.iso8601)) } ?? .null]
    }
}
