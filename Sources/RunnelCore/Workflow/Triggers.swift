/// Everything under `on:`.
public struct Triggers: Sendable, Hashable {
    /// Cron schedules.
    public var schedules: [ScheduleTrigger] = []
    /// Named events (`POST /api/events`).
    public var events: [EventTrigger] = []
    /// Inbound webhooks (`POST /hooks/<workflow>/<id>`).
    public var webhooks: [WebhookTrigger] = []
    /// Runs started when another workflow finishes.
    public var workflows: [WorkflowTrigger] = []
    /// The workflow as a tool of Runnel's MCP server (`on.mcp`), when it is one.
    public var mcp: MCPTrigger?

    /// Creates an empty trigger set.
    public init() {}

    /// Whether the workflow has no triggers (it runs only when asked).
    public var isEmpty: Bool { schedules.isEmpty && events.isEmpty && webhooks.isEmpty && workflows.isEmpty && mcp == nil }

    /// Every trigger with the inputs it passes, for checks that treat them alike.
    public var inputSources: [(kind: String, inputs: SourceValue?, location: SourceLocation)] {
        schedules.map { ("schedule", $0.inputs, $0.cron.location) }
            + events.map { ("event", $0.inputs, $0.type.location) }
            + webhooks.map { ("webhook", $0.inputs, $0.id.location) }
            + workflows.map { ("workflow", $0.inputs, $0.completed.location) }
    }
}

/// One `on.schedule` entry.
public struct ScheduleTrigger: Sendable, Hashable {
    /// Optional stable id; the index is used when absent.
    public var id: Located<String>?
    /// The cron expression as written.
    public var cron: Located<String>
    /// IANA time zone name; the repository default (or UTC) when absent.
    public var timezone: Located<String>?
    /// Inputs given to runs this schedule starts.
    public var inputs: SourceValue?
    /// What to do with slots missed while the daemon was down.
    public var catchup: CatchupPolicy
    /// Where the entry starts.
    public var location: SourceLocation
}

/// Catch-up policy for missed schedule slots.
public enum CatchupPolicy: String, Sendable, Hashable, CaseIterable {
    case none, last, all
}

/// One `on.event` entry.
public struct EventTrigger: Sendable, Hashable {
    /// The event type to match (`lead.created`).
    public var type: Located<String>
    /// Optional filter expression over `event`.
    public var condition: Located<String>?
    /// Inputs given to the runs it starts (strings may use `event`).
    public var inputs: SourceValue?
    /// Where the entry starts.
    public var location: SourceLocation
}

/// One `on.webhook` entry.
public struct WebhookTrigger: Sendable, Hashable {
    /// Hook id, the last segment of its URL.
    public var id: Located<String>
    /// Name of the secret holding the HMAC key, if signatures are checked.
    public var secret: Located<String>?
    /// Inputs given to the runs it starts (strings may use `event`).
    public var inputs: SourceValue?
    /// Where the entry starts.
    public var location: SourceLocation
}

/// One `on.workflow` entry.
public struct WorkflowTrigger: Sendable, Hashable {
    /// Id of the workflow whose completion starts this one.
    public var completed: Located<String>
    /// Final statuses that count (default: completed).
    public var statuses: [String]
    /// Inputs given to the runs it starts (strings may use `event`).
    public var inputs: SourceValue?
    /// Where the entry starts.
    public var location: SourceLocation
}

/// `on.mcp`: the workflow is offered as its own tool by Runnel's MCP server (docs/mcp.md); the
/// tool's name is the workflow id, its arguments are the workflow's `inputs:`.
public struct MCPTrigger: Sendable, Hashable {
    /// What the tool does, for the agent that chooses it (default: the workflow's description or name).
    public var description: Located<String>?
    /// Where the entry starts.
    public var location: SourceLocation
}
