public import Foundation

/// One version of a workflow file: a first-parent commit on the branch that changed it.
public struct WorkflowVersion: Sendable, Hashable {
    /// How the commit changed the file.
    public enum Change: Sendable, Hashable {
        case added, modified, deleted
        /// The file was moved here from another path (git's rename detection).
        case renamed(from: String)

        /// A word for the change: `added`, `modified`, `deleted`, `renamed`.
        public var name: String {
            switch self {
            case .added: "added"
            case .modified: "modified"
            case .deleted: "deleted"
            case .renamed: "renamed"
            }
        }
    }

    /// The version number: 1 for the oldest.
    public var number: Int
    /// The commit.
    public var commit: ObjectID
    /// The file's path at this version (for a deletion, the path it was deleted from).
    public var path: String
    /// How the commit changed the file.
    public var change: Change
    /// The commit's author name.
    public var author: String
    /// The author's email.
    public var email: String
    /// The author date.
    public var date: Date
    /// The author's offset from UTC, in minutes.
    public var utcOffsetMinutes: Int
    /// The commit's subject line.
    public var subject: String

    /// Whether the file exists at this version.
    public var exists: Bool { change != .deleted }
}
