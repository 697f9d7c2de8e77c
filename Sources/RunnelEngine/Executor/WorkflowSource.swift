public import RunnelCore

/// Where the engine finds workflow definitions: the files of a folder, a commit of a git
/// repository… Runs are pinned: a run started on a commit runs to its end on that commit's
/// definition, and a resumed run uses it again.
public protocol WorkflowSource: Sendable {
    /// The workflow `id` as of `commit` (`nil`: the current one).
    func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow

    /// The files below `folder` (a path from the repository root, already checked by
    /// ``RepositoryFile/normalizedFolder(_:)``) as of `commit` (`nil`: the current ones),
    /// sorted by path; an absent folder gives none. Agent steps read their `knowledge` with it.
    func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile]
}

extension WorkflowSource {
    /// Sources that hold no repository (tests) have no folders to read.
    public func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile] {
        throw EngineError(.unprocessable, "this workflow source cannot read repository folders ('\(folder)')")
    }
}

/// One file of a repository folder: its path from the repository root and its bytes.
public struct RepositoryFile: Sendable, Hashable {
    /// The path from the repository root, with `/` separators.
    public var path: String
    /// The content.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// `folder` as a relative path without a trailing slash, or nil when it leaves the
    /// repository (absolute, `..`, control characters) or is empty.
    public static func normalizedFolder(_ folder: String) -> String? {
        RepositoryPath.normalizedFolder(folder)
    }
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
