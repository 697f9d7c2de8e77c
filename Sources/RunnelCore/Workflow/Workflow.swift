/// A parsed workflow definition: one YAML file below `workflows/` (or `templates/`).
public struct Workflow: Sendable, Hashable {
    /// The id: the path below `workflows/` without extension (`data/etl`).
    public var id: String
    /// The file's path as it was given to the loader.
    public var path: String
    /// Display name (required in the file).
    public var name: String
    /// What the workflow does.
    public var description: String?
    /// Free-form labels for listing and filtering.
    public var tags: [String]
    /// Lifecycle status; only `active` workflows fire schedules and triggers.
    public var status: WorkflowStatus
    /// Declared run inputs, in file order.
    public var inputs: [InputSpec]
    /// Template parameters (files in `templates/` only), in file order.
    public var parameters: [InputSpec]
    /// What starts the workflow besides an explicit run.
    public var triggers: Triggers
    /// Per-workflow concurrency policy.
    public var concurrency: ConcurrencyPolicy?
    /// Defaults applied to every step.
    public var defaults: StepDefaults
    /// Limit on a whole run.
    public var timeout: Located<Duration>?
    /// Workflow-level environment for scripts (values may hold expressions).
    public var env: [NamedValue]
    /// Workflow-level settings for agent steps.
    public var agent: AgentDefaults?
    /// Tools that agent steps may call.
    public var tools: [ToolSpec]
    /// The steps, in file order.
    public var steps: [Step]
    /// Run outputs (values may hold expressions).
    public var outputs: [NamedValue]
    /// Steps run when the run fails.
    public var onFailure: [Step]
    /// The whole document as written, with positions.
    public var source: SourceValue
    /// Which connection of `runnel.yaml` each toolkit uses (`connections: {slack: slack-prod}`), in file order.
    public var connections: [ConnectionBinding] = []
    /// Its entry in the community gallery (`publish:`), when it is published.
    public var publish: PublishBlock? = nil

    /// The definition as JSON (what diffs and the API work on).
    public var definition: JSONValue { source.json }
}

/// One toolkit bound to a connection of `runnel.yaml` (`slack: slack-prod`).
public struct ConnectionBinding: Sendable, Hashable {
    /// The toolkit, as steps name it in `connection:`.
    public var toolkit: Located<String>
    /// The connection's name in `runnel.yaml`.
    public var connection: Located<String>

    /// Creates a binding.
    public init(toolkit: Located<String>, connection: Located<String>) {
        self.toolkit = toolkit
        self.connection = connection
    }
}

/// Lifecycle status of a workflow.
public enum WorkflowStatus: String, Sendable, Hashable, CaseIterable {
    case draft, active, paused, archived
}

/// A named value of a mapping (`outputs`, `env`), keeping positions.
public struct NamedValue: Sendable, Hashable {
    /// The key.
    public var name: Located<String>
    /// The value as written (strings may hold expressions).
    public var value: SourceValue
}

/// Workflow-level settings for `agent_task` steps.
public struct AgentDefaults: Sendable, Hashable {
    /// System prompt used when a step has none.
    public var system: String?
    /// Provider or model name used when a step has none.
    public var model: String?
}
