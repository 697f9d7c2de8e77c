import RunnelGit

/// Why a write through the daemon (a commit on the watched branch) was refused.
public struct WriteError: Error, CustomStringConvertible, Sendable {
    /// The kind of refusal, for the API's status code.
    public enum Kind: Sendable {
        /// The write was based on a commit that is no longer the branch tip (409).
        case stale
        /// The workflow doesn't exist (404).
        case notFound
        /// The workflow exists already (409).
        case exists
        /// The new file isn't a valid workflow, or a path or argument is bad (422 / 400).
        case invalid
        /// A template's parameters don't fit its declarations (422, see ``parameters``).
        case invalidParameters
        /// The model provider could not be used or failed (502).
        case modelFailed
        /// The daemon mirrors a remote; writes belong there (409).
        case readOnly
        /// The repository is in the way: uncommitted changes in the work tree (409).
        case conflict
        /// Anything else (500).
        case failed
    }

    /// The kind.
    public var kind: Kind
    /// One line.
    public var description: String
    /// The diagnostics of an invalid file.
    public var diagnostics: [String] = []
    /// The parameters that don't fit (name, message), for ``Kind/invalidParameters``.
    public var parameters: [(name: String, message: String)] = []
}

extension WriteError {
    /// A git failure as the refusal it means: a moved branch is stale, an unknown revision or
    /// a change that changes nothing is a bad request, uncommitted changes in the work tree a
    /// conflict; anything else a failure.
    init(_ error: GitError) {
        switch error.kind {
        case .staleBranch: self.init(kind: .stale, description: error.message)
        case .revisionNotFound, .invalidArgument, .pathNotFound: self.init(kind: .invalid, description: error.message)
        case .uncommittedChanges, .conflict: self.init(kind: .conflict, description: error.message)
        default: self.init(kind: .failed, description: error.message)
        }
    }
}
