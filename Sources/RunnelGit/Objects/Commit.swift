/// A commit's metadata.
public struct Commit: Sendable, Hashable {
    /// The commit's id.
    public var id: ObjectID
    /// Parent ids, the first parent first.
    public var parents: [ObjectID]
    /// The id of the commit's root tree.
    public var tree: ObjectID
    /// The author.
    public var author: Signature
    /// The committer.
    public var committer: Signature
    /// The first paragraph of the message, on one line.
    public var subject: String
    /// The whole message.
    public var message: String
}
