import Foundation

/// Which commits changed which workflow file on one branch: the data behind `runnel log`,
/// built once and then updated from the last indexed commit.
///
/// Stored as a text file in the state folder (see ``HistoryIndexer``); commits and paths
/// are decoded lazily, so a lookup after loading reads only what it needs.
public struct HistoryIndex: Sendable {
    /// The branch (`main`) or `HEAD` for a detached HEAD.
    public let line: String
    /// The newest indexed commit; `nil` for a branch with no commit.
    public internal(set) var tip: ObjectID?

    /// The file's bytes when loaded from disk (commit lines and path lines point into it).
    var buffer: [UInt8] = []
    var commitLines: [Range<Int>] = []
    var appendedCommits: [CommitRecord] = []
    var pathLines: [String: Range<Int>] = [:]
    var decodedEvents: [String: [PathEvent]] = [:]

    init(line: String, tip: ObjectID? = nil) {
        self.line = line
        self.tip = tip
    }

    /// The number of first-parent commits indexed.
    public var commitCount: Int { commitLines.count + appendedCommits.count }

    /// Every path that has an entry (workflow files that exist or existed), sorted.
    public var paths: [String] { Set(pathLines.keys).union(decodedEvents.keys).sorted() }

    func commit(at index: Int) -> CommitRecord? {
        if index < commitLines.count { return HistoryIndexCoding.decodeCommit(buffer[commitLines[index]]) }
        let appended = index - commitLines.count
        return appended < appendedCommits.count ? appendedCommits[appended] : nil
    }

    func events(of path: String) -> [PathEvent] {
        if let decoded = decodedEvents[path] { return decoded }
        guard let range = pathLines[path] else { return [] }
        return HistoryIndexCoding.decodeEvents(buffer[range])
    }

    mutating func append(_ commit: CommitRecord) { appendedCommits.append(commit) }

    mutating func record(_ event: PathEvent, for path: String) {
        var list = events(of: path)
        list.append(event)
        decodedEvents[path] = list
    }

    /// Whether the index knows `path` (it exists or existed on the branch).
    public func contains(path: String) -> Bool { pathLines[path] != nil || decodedEvents[path] != nil }

    /// The versions of the file at `path`, oldest first (version 1 first). A rename that git
    /// detected continues the history of the old path; a path that was renamed away starts
    /// over after the rename.
    public func versions(ofPath path: String) -> [WorkflowVersion] {
        var lineage: [(event: PathEvent, path: String)] = []
        collect(path: path, before: Int.max, into: &lineage)
        var versions: [WorkflowVersion] = []
        for (n, entry) in lineage.reversed().enumerated() {
            guard let record = commit(at: entry.event.commit) else { continue }
            let change: WorkflowVersion.Change = switch entry.event.kind {
            case .added: .added
            case .deleted: .deleted
            case .renamedFrom: .renamed(from: entry.event.other ?? "")
            case .modified, .renamedTo: .modified
            }
            versions.append(WorkflowVersion(
                number: n + 1, commit: record.id, path: entry.path, change: change, author: record.author,
                email: record.email, date: Date(timeIntervalSince1970: TimeInterval(record.time)), utcOffsetMinutes: record.offset,
                subject: record.subject))
        }
        return versions
    }

    private func collect(path: String, before bound: Int, into lineage: inout [(event: PathEvent, path: String)]) {
        for event in events(of: path).reversed() where event.commit < bound {
            switch event.kind {
            case .renamedTo:
                return
            case .renamedFrom:
                lineage.append((event, path))
                if let old = event.other { collect(path: old, before: event.commit, into: &lineage) }
                return
            case .added, .modified, .deleted:
                lineage.append((event, path))
            }
        }
    }
}
