/// A commit as the history index stores it.
struct CommitRecord: Sendable, Hashable {
    var id: ObjectID
    var time: Int64
    var offset: Int
    var author: String
    var email: String
    var subject: String
}

/// One change to one path at one indexed commit.
struct PathEvent: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
        case added = 65  // A
        case modified = 77  // M
        case deleted = 68  // D
        /// Renamed here from `other`.
        case renamedFrom = 70  // F
        /// Renamed away to `other`.
        case renamedTo = 84  // T
    }

    /// Position of the commit in the index (0 = oldest first-parent commit).
    var commit: Int
    var kind: Kind
    var other: String?
}
