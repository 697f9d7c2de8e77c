import Foundation
import MCP
import RunnelCore

extension RunnelMCPServer {
    /// Calls tool `name`: its answer as JSON text (and structured content); a refusal of the
    /// API (a missing scope, an unknown id, bad inputs) as an error result with the API's message.
    func call(_ name: String, arguments: [String: JSONValue]) async -> CallTool.Result {
        do {
            let value = try await answer(name, arguments)
            return CallTool.Result(content: [.text(text: value.serialized(pretty: true), annotations: nil, _meta: nil)],
                                   structuredContent: Optional<Value>.some(value.mcpValue), isError: false)
        } catch let error as OperationError {
            return Self.failure(error.description)
        } catch let error as ToolArgumentError {
            return Self.failure(error.message)
        } catch {
            return Self.failure("\(error)")
        }
    }

    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    private func answer(_ name: String, _ a: [String: JSONValue]) async throws -> JSONValue {
        let args = ToolArguments(tool: name, values: a)
        switch name {
        case "list_workflows":
            return try await operations.listWorkflows(args.filter(["status", "tag", "q", "limit"]))
        case "get_workflow":
            let id = try args.required("workflow_id")
            var body = try await operations.workflow(id).objectValue ?? [:]
            // Next fires: only an active workflow has registered schedules.
            body["schedules"] = (try? await operations.schedules(id))?["schedules"] ?? .array([])
            return .object(body)
        case "validate_workflow":
            let path = try args.string("workflow_id").map { "workflows/\($0).yaml" }
            return try await operations.validate(try args.required("definition"), path: path)
        case "list_workflow_templates":
            return try await operations.templates()
        case "create_workflow_from_template":
            return try await operations.installTemplate(try args.required("template_slug"), name: try args.string("workflow_id"),
                                                        parameters: try args.object("inputs"))
        case "trigger_workflow":
            let wait = try args.integer("wait_seconds", in: 0...MCPToolCatalog.maxWaitSeconds) ?? 0
            return try await start(try args.required("workflow_id"), inputs: try args.object("payload"), trigger: "mcp", wait: wait)
        case "get_run":
            let tail = try args.integer("tail_lines", in: 0...MCPToolCatalog.maxTailLines) ?? 20
            return try await runReport(try args.required("run_id"), tail: tail)
        case "cancel_run":
            return try await operations.cancel(try args.required("run_id"))
        case "list_runs":
            var filter = try args.filter(["status", "trigger", "limit"])
            if let id = try args.string("workflow_id") { filter["workflow"] = id }
            return try await operations.listRuns(filter)
        case "list_approvals":
            return try await operations.approvals()
        default:
            guard let id = try await workflowToolsByID().first(where: { $0.tool.name == name })?.id else {
                throw ToolArgumentError(message: "no tool '\(name)' (tools/list names them)")
            }
            return try await start(id, inputs: a, trigger: "mcp", wait: MCPToolCatalog.maxWaitSeconds / 2)
        }
    }

    /// Starts a run; with `wait` > 0 polls it until it ends or the time is up.
    func start(_ id: String, inputs: [String: JSONValue], trigger: String, wait: Int) async throws -> JSONValue {
        let started = try await operations.trigger(id, inputs: inputs, trigger: trigger)
        guard wait > 0, let runID = started["run_id"]?.stringValue else { return started }
        let deadline = ContinuousClock.now + .seconds(wait)
        while ContinuousClock.now < deadline {
            let record = try await operations.run(runID)
            if let status = record["status"]?.stringValue, Self.finished.contains(status) {
                return Self.brief(record, runID: runID, finished: true)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return Self.brief(try await operations.run(runID), runID: runID, finished: false)
    }

    static let finished: Set<String> = ["completed", "failed", "cancelled"]

    /// What a caller waiting for a run wants: its id, status, outputs and error.
    static func brief(_ record: JSONValue, runID: String, finished: Bool) -> JSONValue {
        ["run_id": .string(runID), "workflow_id": record["workflow_id"] ?? .null, "status": record["status"] ?? .null,
         "finished": .bool(finished), "outputs": record["outputs"] ?? .null, "error": record["error"] ?? .null]
    }

    /// A run: status, steps, outputs, error, and its log's last `tail` lines.
    func runReport(_ runID: String, tail: Int) async throws -> JSONValue {
        let record = try await operations.run(runID)
        let steps: [JSONValue] = (record["step_runs"]?.arrayValue ?? []).map { step in
            ["step_id": step["step_id"] ?? .null, "status": step["status"] ?? .null, "attempt": step["attempt"] ?? .null,
             "output": step["output"] ?? .null, "error": step["error"] ?? .null]
        }
        var body: [String: JSONValue] = [
            "run_id": .string(runID), "workflow_id": record["workflow_id"] ?? .null, "status": record["status"] ?? .null,
            "trigger": record["trigger"] ?? .null, "commit": record["commit"] ?? .null,
            "created_at": record["created_at"] ?? .null, "completed_at": record["completed_at"] ?? .null,
            "steps": .array(steps), "outputs": record["outputs"] ?? .null, "error": record["error"] ?? .null,
        ]
        if tail > 0 { body["log_tail"] = try await operations.logTail(runID, lines: tail)["lines"] ?? .array([]) }
        return .object(body)
    }
}
