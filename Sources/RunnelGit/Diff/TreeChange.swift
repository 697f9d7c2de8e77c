/// How one path changed between two trees.
public struct TreeChange: Sendable, Hashable {
    /// The kind of change.
    public enum Kind: Sendable, Hashable {
        case added, modified, deleted
        /// Moved from ``TreeChange/oldPath`` (git's similarity detection, 0–100).
        case renamed(similarity: Int)
    }

    /// The kind of change.
    public var kind: Kind
    /// The path before (nil for an added file).
    public var oldPath: String?
    /// The path after (nil for a deleted file).
    public var newPath: String?
    /// The blob before.
    public var oldBlob: ObjectID?
    /// The blob after.
    public var newBlob: ObjectID?

    /// The path after the change, or before it for a deletion.
    public var path: String { newPath ?? oldPath ?? "" }

    /// A word for the kind: `added`, `modified`, `deleted`, `renamed`.
    public var kindName: String {
        switch kind {
        case .added: "added"
        case .modified: "modified"
        case .deleted: "deleted"
        case .renamed: "renamed"
        }
    }
}
