/// An error from the git layer: what went wrong, in one line that names the repository
/// path, revision, branch or file involved.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure, for callers that react differently to each.
    public enum Kind: Sendable, Equatable {
        /// The path is not (inside) a git repository.
        case notARepository
        /// A revision, branch or commit that does not exist (or is ambiguous).
        case revisionNotFound
        /// A file that does not exist at the given commit.
        case pathNotFound
        /// The branch tip moved since the change was prepared (compare-and-swap failed).
        case staleBranch
        /// A revert or merge that does not apply cleanly.
        case conflict
        /// The work tree has uncommitted changes in a path the command would write.
        case uncommittedChanges
        /// An object in the repository is missing or damaged.
        case corruptObject
        /// An argument that libgit2 or Runnel refuses (bad path, empty change).
        case invalidArgument
        /// A network or transport failure while fetching.
        case network
        /// Any other libgit2 failure.
        case other
    }

    /// The kind of failure.
    public let kind: Kind
    /// The one-line message.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The one-line message.
    public var description: String { message }

    static func notARepository(_ path: String) -> GitError {
        GitError(.notARepository, "not a git repository (or any parent folder): \(path)")
    }

    static func revisionNotFound(_ revision: String) -> GitError {
        GitError(.revisionNotFound, "unknown revision '\(revision)'")
    }

    static func invalid(_ message: String) -> GitError { GitError(.invalidArgument, message) }
}
