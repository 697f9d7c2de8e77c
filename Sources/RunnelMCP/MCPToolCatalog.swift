public import RunnelCore

/// Runnel's own tools. No tool decides an approval: `list_approvals` shows what waits, a person decides.
public enum MCPToolCatalog {
    /// The most seconds `trigger_workflow` waits for the run to end.
    public static let maxWaitSeconds = 60
    /// The most log lines `get_run` returns.
    public static let maxTailLines = 1000

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map(JSONValue.string)), "additionalProperties": false]
    }

    static func string(_ description: String, enum values: [String]? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let values { schema["enum"] = .array(values.map(JSONValue.string)) }
        return .object(schema)
    }

    static func integer(_ description: String, minimum: Int, maximum: Int) -> JSONValue {
        ["type": "integer", "description": .string(description), "minimum": .number(Double(minimum)), "maximum": .number(Double(maximum))]
    }

    static let limit = integer("How many to return (default 50).", minimum: 1, maximum: 200)
    static let runStatuses = ["queued", "running", "awaiting_approval", "paused", "completed", "failed", "cancelled"]

    /// The built-in tools, in the order they are listed.
    public static let tools: [MCPTool] = [
        MCPTool(name: "list_workflows", description: "List the workflows of the repository, with their state, step count and latest run.",
                inputSchema: object([
                    "status": string("Only workflows in this state.", enum: ["draft", "active", "paused", "archived", "invalid"]),
                    "tag": string("Only workflows with this tag."),
                    "q": string("Only workflows whose id or name contains this text."),
                    "limit": limit,
                ]), readOnly: true, destructive: false, scope: .read),
        MCPTool(name: "get_workflow", description: "A workflow's definition, state, validation errors and the next fire times of its schedules.",
                inputSchema: object(["workflow_id": string("The workflow's id (its path below workflows/ without extension).")], required: ["workflow_id"]),
                readOnly: true, destructive: false, scope: .read),
        MCPTool(name: "validate_workflow", description: "Validate a workflow definition (YAML or JSON text) without writing it: the diagnostics, each with line, column and rule.",
                inputSchema: object([
                    "definition": string("The workflow file's text."),
                    "workflow_id": string("The id it would have (checks references to it and from it)."),
                ], required: ["definition"]), readOnly: true, destructive: false, scope: .read),
        MCPTool(name: "list_workflow_templates", description: "List the template gallery: each template's id, description and parameters.",
                inputSchema: object([:]), readOnly: true, destructive: false, scope: .read),
        MCPTool(name: "create_workflow_from_template", description: "Install a template as workflows/<workflow_id>.yaml: a commit on the watched branch. Returns the id, path and commit.",
                inputSchema: object([
                    "template_slug": string("The template's id (see list_workflow_templates)."),
                    "inputs": ["type": "object", "description": "The template's parameters, by name."],
                    "workflow_id": string("The new workflow's id (default: the template's id)."),
                ], required: ["template_slug"]), readOnly: false, destructive: false, scope: .write),
        MCPTool(name: "trigger_workflow", description: "Start a run of a workflow. Returns its run_id at once; with wait_seconds, waits up to that long and returns the status and outputs if it ends by then.",
                inputSchema: object([
                    "workflow_id": string("The workflow's id."),
                    "payload": ["type": "object", "description": "The run's inputs, by name (checked against the workflow's inputs:)."],
                    "wait_seconds": integer("Wait up to this many seconds for the run to end (0: don't wait).", minimum: 0, maximum: maxWaitSeconds),
                ], required: ["workflow_id"]), readOnly: false, destructive: false, scope: .run),
        MCPTool(name: "get_run", description: "A run: its status, each step's status and output, its outputs and error, and the last lines of its log.",
                inputSchema: object([
                    "run_id": string("The run's id."),
                    "tail_lines": integer("How many of the log's last lines to include (default 20, 0: none).", minimum: 0, maximum: maxTailLines),
                ], required: ["run_id"]), readOnly: true, destructive: false, scope: .read),
        MCPTool(name: "cancel_run", description: "Cancel a queued or running run (its running scripts are stopped).",
                inputSchema: object(["run_id": string("The run's id.")], required: ["run_id"]), readOnly: false, destructive: true, scope: .run),
        MCPTool(name: "list_runs", description: "List runs, newest first.",
                inputSchema: object([
                    "workflow_id": string("Only runs of this workflow."),
                    "status": string("Only runs in this status.", enum: runStatuses),
                    "trigger": string("Only runs started this way (manual, schedule, event, webhook, workflow, mcp…)."),
                    "limit": limit,
                ]), readOnly: true, destructive: false, scope: .read),
        MCPTool(name: "list_approvals", description: "List the approvals that wait for a person. No tool decides one: a person approves or rejects it (dashboard, CLI or the API).",
                inputSchema: object([:]), readOnly: true, destructive: false, scope: .read),
    ]

    /// The tool of a workflow offered with `on.mcp` (its summary's `mcp` member), named by its id.
    public static func workflowTool(id: String, mcp: JSONValue) -> MCPTool {
        let schema = mcp["input_schema"] ?? object([:])
        return MCPTool(name: id, description: (mcp["description"]?.stringValue ?? "Run the workflow \(id).")
                       + " Runs the workflow '\(id)' and waits up to \(maxWaitSeconds / 2) s for its outputs (else returns its run_id; see get_run).",
                       inputSchema: schema, readOnly: false, destructive: false, scope: .run)
    }
}
