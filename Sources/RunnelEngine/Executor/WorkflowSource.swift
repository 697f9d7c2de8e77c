public import RunnelCore

/// Where the engine finds workflow definitions: the files of a folder, a commit of a git
/// repository… Runs are pinned: a run started on a commit runs to its end on that commit's
/// definition, and a resumed run uses it again.
public protocol WorkflowSource: Sendable {
    /// The workflow `id` as of `commit` (`nil`: the current one).
    func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow
}

/// A workflow definition with the commit and version it came from.
public struct PinnedWorkflow: Sendable {
    /// The definition.
    public var workflow: Workflow
    /// The commit it was read at, when it came from git.
    public var commit: String?
    /// Its version number at that commit, when known.
    public var version: Int?

    /// Creates a pinned workflow.
    public init(workflow: Workflow, commit: String? = nil, version: Int? = nil) {
        self.workflow = workflow
        self.commit = commit
        self.version = version
    }
}
