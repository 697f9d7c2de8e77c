import RunnelCore
public import RunnelGit

/// Brings a ``Registry`` from its active commit to a new one, reading only the workflow
/// files that differ between the two trees. A rewritten branch (force-push) needs nothing
/// special: the tree diff from the old active commit to the new one is exactly what changed.
public struct Reconciler {
    /// The folder workflows live in.
    public static let folder = "workflows/"

    /// Moves `registry` to `commit`; returns what changed.
    /// - Throws: ``GitError`` when the commit or a blob can't be read.
    public static func reconcile(_ registry: inout Registry, repository: GitRepository, to commit: ObjectID) throws(GitError) -> ReconcileReport {
        let base = try registry.activeCommit.flatMap { hex throws(GitError) -> ObjectID? in
            guard let id = ObjectID(hex: hex) else { return nil }
            // A base that no longer exists (gc after a force-push): start from scratch.
            return (try? repository.commit(id)) != nil ? id : nil
        }
        if base == commit { return ReconcileReport() }
        var changes: [Registry.Change] = []
        // The whole tree is listed only without a usable base or an index of the files (after a
        // restore); otherwise the registry's index moves with the diff: work per change, not
        // per file of the repository.
        let paths = base == nil || registry.files == nil
            ? try repository.files(in: commit, under: folder).map(\.path).filter { WorkflowFile.isWorkflow($0) } : nil
        if base == nil, let paths {
            // No usable base: every current entry that isn't in the new tree is deleted.
            let present = Set(paths)
            for entry in registry.entries.values where !present.contains(entry.path) {
                changes.append(.delete(path: entry.path))
            }
        }
        let changed = try repository.changes(from: base, to: commit, under: folder)
        // A few changed files are looked up one by one; a large change (a first reconcile) walks the tree once.
        let links: Set<String>? = changed.count > 64 ? try repository.symlinks(in: commit, under: folder) : nil
        for change in changed {
            switch change.kind {
            case .deleted:
                if let path = change.oldPath, WorkflowFile.isWorkflow(path) { changes.append(.delete(path: path)) }
            case .added, .modified, .renamed:
                guard let path = change.newPath, let blob = change.newBlob else { continue }
                if WorkflowFile.isWorkflow(path) {
                    let from = change.oldPath.flatMap { $0 != path && WorkflowFile.isWorkflow($0) ? $0 : nil }
                    let isLink: Bool
                    if let links { isLink = links.contains(path) } else { isLink = try repository.isSymlink(path, in: commit) }
                    changes.append(.upsert(path: path, bytes: isLink ? [] : try repository.blob(blob, path: path), renamedFrom: from, isSymlink: isLink))
                } else if let old = change.oldPath, WorkflowFile.isWorkflow(old) {
                    changes.append(.delete(path: old))
                }
            }
        }
        changes += try rechecks(for: changes, in: registry, paths: paths, repository: repository, at: commit)
        return registry.apply(changes, at: commit.hex, paths: paths)
    }

    /// The unchanged files to validate again: the workflows that refer to a changed, renamed or
    /// deleted workflow, and a file whose id was shared with a file that changed.
    private static func rechecks(for changes: [Registry.Change], in registry: Registry, paths: [String]?,
                                 repository: GitRepository, at commit: ObjectID) throws(GitError) -> [Registry.Change] {
        var touched: Set<String> = []
        var changedPaths: Set<String> = []
        for change in changes {
            touched.insert(WorkflowID.from(path: change.path))
            changedPaths.insert(change.path)
            if case .upsert(_, _, let from?, _) = change { touched.insert(WorkflowID.from(path: from)) }
        }
        var again = Set(registry.dependents(of: touched).map(\.path))
        if let paths {
            for path in paths where touched.contains(WorkflowID.from(path: path)) { again.insert(path) }
            again.formIntersection(paths)
        } else {
            // The files of the touched ids in the old tree: those the change didn't touch are still there.
            for id in touched { again.formUnion(registry.files(of: id) ?? []) }
        }
        var out: [Registry.Change] = []
        for path in again.sorted() where !changedPaths.contains(path) {
            guard let bytes = try repository.file(at: path, in: commit) else { continue }
            out.append(.recheck(path: path, bytes: bytes))
        }
        return out
    }

}
