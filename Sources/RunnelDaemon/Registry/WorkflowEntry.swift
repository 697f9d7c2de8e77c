public import RunnelCore
public import RunnelEngine

/// What the daemon knows of one workflow: the last valid version it runs, and the errors of
/// the newest file when that file is invalid.
public struct WorkflowEntry: Sendable {
    /// The workflow's id.
    public var id: String
    /// Its file, as of the newest commit.
    public var path: String
    /// The last valid version.
    public var active: ActiveVersion?
    /// The newest file's errors (empty when it is the active version).
    public var errors: [Diagnostic]

    /// `invalid` when no version was ever valid, otherwise the active version's `status`.
    public var state: String {
        guard let active else { return "invalid" }
        return active.workflow.status.rawValue
    }

    /// Whether the active version should fire schedules and triggers.
    public var isRunnable: Bool { active?.workflow.status == .active }
}

/// A workflow's version that the daemon runs: its definition, the commit and the path it was
/// read at.
public struct ActiveVersion: Sendable {
    /// The definition.
    public var workflow: Workflow
    /// The commit it was read at.
    public var commit: String
    /// Its file at that commit.
    public var path: String
    /// Its version number: the Nth first-parent commit of the branch that changed its file
    /// (nil when the history could not be read).
    public var version: Int?

    /// Creates an active version.
    public init(workflow: Workflow, commit: String, path: String, version: Int? = nil) {
        self.workflow = workflow
        self.commit = commit
        self.path = path
        self.version = version
    }

    /// The version as the engine runs it: pinned to its commit, with its version number.
    public var pinned: PinnedWorkflow { PinnedWorkflow(workflow: workflow, commit: commit, version: version) }
}
