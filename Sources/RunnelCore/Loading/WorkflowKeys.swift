/// The keys the loader accepts in each mapping of a workflow file, in one place: the
/// unknown-key checks read them, and the editor schema's drift test compares them with the
/// schema's `properties` (`schemas/workflow.schema.json`).
enum WorkflowKeys {
    /// The top level; `parameters` only in templates.
    static let workflow = [
        "name", "description", "tags", "status", "inputs", "parameters", "on", "concurrency", "defaults",
        "timeout", "env", "agent", "tools", "connections", "publish", "steps", "outputs", "on_failure",
    ]
    /// The top-level keys only templates may use.
    static let templateOnly = ["parameters"]
    /// One input (or template parameter) written as a mapping.
    static let input = ["type", "required", "default", "enum", "description"]
    /// `on:`.
    static let triggers = ["schedule", "event", "webhook", "workflow", "mcp"]
    /// One entry of `on.schedule`.
    static let schedule = ["id", "cron", "timezone", "inputs", "catchup"]
    /// One entry of `on.event`.
    static let eventTrigger = ["type", "if", "inputs"]
    /// One entry of `on.webhook`.
    static let webhookTrigger = ["id", "secret", "inputs"]
    /// One entry of `on.workflow`.
    static let workflowTrigger = ["completed", "status", "inputs"]
    /// `on.mcp`.
    static let mcpTrigger = ["description"]
    /// `concurrency:`.
    static let concurrency = ["limit", "on_conflict"]
    /// `defaults:`.
    static let defaults = ["timeout", "retry"]
    /// A `retry:` mapping.
    static let retry = ["attempts", "backoff", "initial", "max", "jitter"]
    /// `agent:`.
    static let agent = ["system", "model"]
    /// One entry of `tools:`.
    static let tool = ["name", "description", "type", "parameters", "config", "requires_approval"]
    /// One step.
    static let step = ["id", "name", "type", "config", "depends_on", "if", "timeout", "retry", "continue_on_error"]
    /// `publish:`.
    static let publish = ["title", "description", "categories", "icon"]
    /// An approval's `notify:`.
    static let approvalNotify = ["email"]

    /// The keys of a step type's `config` (a tool's config uses its step type's keys).
    static func config(_ type: StepType) -> [String] {
        switch type {
        case .httpRequest: ["method", "url", "headers", "query", "body", "expected_status", "max_response_bytes", "connection"]
        case .script: ["run", "shell", "env", "max_output_bytes"]
        case .agentTask: ["goal", "prompt", "system", "model", "tools", "knowledge", "max_turns", "output_schema", "temperature", "max_tokens"]
        case .condition: ["condition", "then", "else"]
        case .loop: ["items", "step", "max_parallel", "fail_fast"]
        case .wait: ["duration", "until", "poll_interval", "check"]
        case .webhook: ["url", "method", "headers", "body", "secret", "connection"]
        case .approval: ["message", "approvers", "required", "timeout", "on_timeout", "then", "else", "input_schema", "notify"]
        case .workflow: ["workflow", "inputs", "wait"]
        }
    }
}
