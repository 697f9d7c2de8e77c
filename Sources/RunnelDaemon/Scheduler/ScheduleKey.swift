/// A schedule's identity: its workflow and its `id:` (or its index in `on.schedule`). The
/// identity, not the cron text, carries the last fire time across edits and restarts.
public struct ScheduleKey: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The workflow's id.
    public var workflowID: String
    /// The schedule's `id:`, or its 0-based index when it has none.
    public var name: String

    /// Creates a key.
    public init(workflowID: String, name: String) {
        self.workflowID = workflowID
        self.name = name
    }

    /// The key `text` names (`workflow#name`, as ``description`` writes it).
    init?(parsing text: String) {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        self.init(workflowID: String(text[..<hash]), name: String(text[text.index(after: hash)...]))
    }

    public var description: String { "\(workflowID)#\(name)" }

    public static func < (a: ScheduleKey, b: ScheduleKey) -> Bool {
        (a.workflowID, a.name) < (b.workflowID, b.name)
    }
}
