import Foundation
import RunnelCore

/// Keeps the ``HistoryIndex`` of a branch up to date in a state folder: loads the stored
/// index, indexes only the commits added since its tip, rebuilds it when the branch was
/// rewritten (the stored tip is no longer a first-parent ancestor), and saves it atomically.
public final class HistoryIndexer {
    /// The repository.
    public let repository: GitRepository
    /// Where index files are stored.
    public let stateDirectory: String
    /// The folder whose `.yaml`/`.yml` files are indexed.
    public let folder: String

    /// Creates an indexer.
    /// - Parameters:
    ///   - repository: The repository to index.
    ///   - stateDirectory: The state folder; `<git folder>/runnel` when `nil`.
    ///   - folder: The workflow folder (`workflows`).
    public init(repository: GitRepository, stateDirectory: String? = nil, folder: String = "workflows") {
        self.repository = repository
        self.stateDirectory = stateDirectory ?? (repository.commonDirectory as NSString).appendingPathComponent("runnel")
        self.folder = folder
    }

    /// The index file of `line`.
    public func indexFile(for line: String) -> String {
        let safe = line.unicodeScalars.map { c -> String in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": String(c)
            default: "%" + String(c.value, radix: 16)
            }
        }.joined()
        return (stateDirectory as NSString).appendingPathComponent("history-\(safe).idx")
    }

    /// The index of `line` at `tip`, updated (and saved) when the stored one is behind.
    /// - Parameters:
    ///   - line: The branch name, or `HEAD` for a detached HEAD.
    ///   - tip: The commit to index up to; `nil` for an empty branch.
    /// - Throws: ``GitError`` when the repository cannot be read. A missing, damaged or
    ///   unwritable index file is not an error: it is rebuilt (and kept in memory).
    public func index(line: String, tip: ObjectID?) throws(GitError) -> HistoryIndex {
        try index(line: line, tip: tip, from: nil, saving: true)
    }

    /// The index of `line` at `tip`, brought forward from `cached` (an index this process
    /// keeps; nil: the stored one) and saved only when `saving`: a caller that indexes every
    /// push keeps the index in memory instead of reading and writing the whole file each time
    /// (the file is a cache: a reader brings a stale one forward from its tip).
    public func index(line: String, tip: ObjectID?, from cached: HistoryIndex?, saving: Bool) throws(GitError) -> HistoryIndex {
        let stored = cached.flatMap { $0.line == line ? $0 : nil } ?? load(line)
        if let stored, stored.tip == tip { return stored }
        guard let tip else { return HistoryIndex(line: line) }
        var index: HistoryIndex
        var newCommits: [ObjectID]
        // A stored tip that is gone (force-push, then gc) or from another repository is not
        // an ancestor: rebuild.
        if let stored, let old = stored.tip, (try? repository.isAncestor(old, of: tip)) == true {
            newCommits = try repository.firstParentHistory(from: tip, stoppingAt: old).reversed()
            let joins = try newCommits.first.map { id throws(GitError) in try repository.commit(id).parents.first == old } ?? true
            index = stored
            if !joins {
                index = HistoryIndex(line: line)
                newCommits = try repository.firstParentHistory(from: tip).reversed()
            }
        } else {
            index = HistoryIndex(line: line)
            newCommits = try repository.firstParentHistory(from: tip).reversed()
        }
        try add(newCommits, to: &index)
        index.tip = tip
        if saving { save(index) }
        return index
    }

    /// The index of branch `branch` at its current tip.
    public func index(branch: String) throws(GitError) -> HistoryIndex {
        try index(line: branch, tip: repository.branchTip(branch))
    }

    /// Whether `path` is a workflow file the index tracks (``WorkflowFile`` below ``folder``).
    public func isWorkflowPath(_ path: String) -> Bool {
        WorkflowFile.isWorkflow(path, in: folder)
    }

    private func add(_ commits: [ObjectID], to index: inout HistoryIndex) throws(GitError) {
        var parentTree: Owned? = nil
        var previous: ObjectID? = nil
        for id in commits {
            let info = try repository.commit(id)
            let tree = try repository.lookupTree(ofCommit: id)
            if let first = info.parents.first, first != previous {
                parentTree = try repository.lookupTree(ofCommit: first)
            }
            let position = index.commitCount
            index.append(CommitRecord(id: id, time: Int64(info.author.date.timeIntervalSince1970), offset: info.author.utcOffsetMinutes,
                                      author: info.author.name, email: info.author.email, subject: info.subject))
            for change in try repository.fastChanges(from: info.parents.isEmpty ? nil : parentTree, to: tree, under: folder) {
                record(change, at: position, in: &index)
            }
            parentTree = tree
            previous = id
        }
    }

    private func record(_ change: TreeChange, at position: Int, in index: inout HistoryIndex) {
        let old = change.oldPath.flatMap { isWorkflowPath($0) ? $0 : nil }
        let new = change.newPath.flatMap { isWorkflowPath($0) ? $0 : nil }
        switch change.kind {
        case .added: if let new { index.record(PathEvent(commit: position, kind: .added), for: new) }
        case .modified: if let new { index.record(PathEvent(commit: position, kind: .modified), for: new) }
        case .deleted: if let old { index.record(PathEvent(commit: position, kind: .deleted), for: old) }
        case .renamed:
            switch (old, new) {
            case let (old?, new?):
                index.record(PathEvent(commit: position, kind: .renamedTo, other: new), for: old)
                index.record(PathEvent(commit: position, kind: .renamedFrom, other: old), for: new)
            case let (old?, nil): index.record(PathEvent(commit: position, kind: .deleted), for: old)
            case let (nil, new?): index.record(PathEvent(commit: position, kind: .added), for: new)
            case (nil, nil): break
            }
        }
    }

    private func load(_ line: String) -> HistoryIndex? {
        guard let data = FileManager.default.contents(atPath: indexFile(for: line)),
              let index = HistoryIndexCoding.decode([UInt8](data)), index.line == line else { return nil }
        return index
    }

    /// Writes the index atomically (temporary file in the same folder, then rename).
    public func save(_ index: HistoryIndex) {
        let path = indexFile(for: index.line)
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            let url = URL(fileURLWithPath: temporary)
            try Data(HistoryIndexCoding.encode(index)).write(to: url)
            if rename(temporary, path) != 0 { try? FileManager.default.removeItem(at: url) }
        } catch {
            // A read-only state folder only costs speed: the index is rebuilt next time.
        }
    }
}
