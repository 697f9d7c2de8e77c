public import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileRunStore {
    /// What a run's files are named after `<run-id>` in its workflow's folder (the record, the
    /// event log, the step logs): what deleting a run removes.
    static let runFileSuffixes = [".json", ".events.jsonl", ".log.jsonl"]

    /// Reads the runs `index` holds as unfinished from their files (their logs may have moved
    /// on since the index last heard of them) and corrects the index where the files say
    /// otherwise. Returns the runs still unfinished.
    static func catchUp(_ index: inout PersistentRunIndex, loader: RunLoader, root: String,
                        problems: inout [String]) throws(RunStoreError) -> [String: RunRecord] {
        var active: [String: RunRecord] = [:]
        let unfinished = RunStatus.allCases.filter { !$0.isFinished }
        var gone: [String] = []
        for summary in index.index.summaries(in: unfinished) {
            let path = root + "/" + summary.workflowID + "/" + summary.id + ".json"
            guard let record = loader.loadRun(recordPath: path, problems: &problems), record.id == summary.id else {
                // Journaled before its first file was written, and the process died in between.
                gone.append(summary.id)
                continue
            }
            let current = RunSummary(record)
            if current != summary { try index.upsert(current) }
            if !record.status.isFinished { active[record.id] = record }
        }
        if !gone.isEmpty {
            problems.append("\(gone.count) unfinished run(s) in the index had no files (\(gone.prefix(3).joined(separator: ", "))): removed from the index")
            try index.remove(gone)
        }
        return active
    }

    @discardableResult
    public func prune(_ policy: RetentionPolicy, now: Date = Date()) async throws(RunStoreError) -> [String] {
        guard !policy.keepsEverything else { return [] }
        let ids = index.index.prunable(policy, now: now)
        guard !ids.isEmpty else { return [] }
        let bases = ids.compactMap { id in index.summary(id).map { folder(of: $0.workflowID) + "/" + id } }
        // Out of the index first (one journal entry): a crash leaves files no index names.
        try index.remove(ids)
        for id in ids {
            finished.remove(id)
            finishedText.remove(id)
        }
        for base in bases {
            for path in Self.runFileSuffixes.map({ base + $0 }) where unlink(path) != 0 && errno != ENOENT {
                throw .io("cannot delete", path, errno: errno)
            }
        }
        return ids
    }
}
