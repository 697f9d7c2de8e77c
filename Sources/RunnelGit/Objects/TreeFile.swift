/// A file in a tree: its path from the root and its blob id.
public struct TreeFile: Sendable, Hashable {
    /// The path from the repository root, with `/` separators.
    public var path: String
    /// The blob's id.
    public var blob: ObjectID
    /// Whether the entry is a symbolic link (mode 120000): its blob holds the target's path.
    public var isSymlink = false
}
