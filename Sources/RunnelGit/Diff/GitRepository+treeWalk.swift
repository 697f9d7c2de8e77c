import CLibgit2

extension GitRepository {
    /// The changes between two trees below `prefix`, found by walking only the subtrees
    /// whose ids differ (libgit2's tree diff visits every entry, which is what makes
    /// indexing a long history slow). When the result has both additions and deletions,
    /// libgit2's diff runs once more on the same trees to pair renames.
    func fastChanges(from oldTree: Owned?, to newTree: Owned?, under prefix: String) throws(GitError) -> [TreeChange] {
        let folder = prefix.trimmingSlash
        let old = try oldTree.map { tree throws(GitError) in try subtree(of: tree, at: folder) } ?? nil
        let new = try newTree.map { tree throws(GitError) in try subtree(of: tree, at: folder) } ?? nil
        var changes: [TreeChange] = []
        let base = folder.isEmpty ? "" : folder + "/"
        try compare(old, new, prefix: base, into: &changes)
        let adds = changes.contains { $0.kind == .added }, deletes = changes.contains { $0.kind == .deleted }
        if adds && deletes { return try self.changes(from: oldTree, to: newTree, under: prefix) }
        return changes.sorted { $0.path < $1.path }
    }

    /// The tree at `path` inside `tree` (`tree` itself for an empty path); `nil` when absent.
    private func subtree(of tree: Owned, at path: String) throws(GitError) -> Owned? {
        if path.isEmpty { return tree }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree.raw, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try Libgit2.check(code, "cannot read \(path)")
        guard let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE, let oid = git_tree_entry_id(entry) else { return nil }
        return try lookupTree(ObjectID(oid))
    }

    private struct Entry {
        var id: ObjectID
        var isTree: Bool
    }

    private func entry(_ raw: OpaquePointer) -> Entry? {
        guard let oid = git_tree_entry_id(raw) else { return nil }
        let type = git_tree_entry_type(raw)
        guard type == GIT_OBJECT_TREE || type == GIT_OBJECT_BLOB else { return nil }  // submodules
        return Entry(id: ObjectID(oid), isTree: type == GIT_OBJECT_TREE)
    }

    /// Compares entries by name through libgit2's own lookups, so an unchanged entry costs
    /// no Swift allocation at all.
    private func compare(_ old: Owned?, _ new: Owned?, prefix: String, into changes: inout [TreeChange]) throws(GitError) {
        if let old {
            for i in 0..<git_tree_entrycount(old.raw) {
                guard let a = git_tree_entry_byindex(old.raw, i), let name = git_tree_entry_name(a) else { continue }
                let b = new.flatMap { git_tree_entry_byname($0.raw, name) }
                if let b, git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) == 1,
                   git_tree_entry_filemode(a) == git_tree_entry_filemode(b) { continue }
                let path = prefix + String(cString: name)
                guard let before = entry(a) else { continue }
                guard let b, let after = entry(b) else {
                    try removed(before, path: path, into: &changes)
                    continue
                }
                switch (before.isTree, after.isTree) {
                case (true, true): try compare(try lookupTree(before.id), try lookupTree(after.id), prefix: path + "/", into: &changes)
                case (false, false):
                    changes.append(TreeChange(kind: .modified, oldPath: path, newPath: path, oldBlob: before.id, newBlob: after.id))
                default:
                    try removed(before, path: path, into: &changes)
                    try added(after, path: path, into: &changes)
                }
            }
        }
        guard let new else { return }
        for i in 0..<git_tree_entrycount(new.raw) {
            guard let b = git_tree_entry_byindex(new.raw, i), let name = git_tree_entry_name(b) else { continue }
            if let old, git_tree_entry_byname(old.raw, name) != nil { continue }
            if let after = entry(b) { try added(after, path: prefix + String(cString: name), into: &changes) }
        }
    }

    private func removed(_ entry: Entry, path: String, into changes: inout [TreeChange]) throws(GitError) {
        if entry.isTree {
            try compare(try lookupTree(entry.id), nil, prefix: path + "/", into: &changes)
        } else {
            changes.append(TreeChange(kind: .deleted, oldPath: path, newPath: nil, oldBlob: entry.id, newBlob: nil))
        }
    }

    private func added(_ entry: Entry, path: String, into changes: inout [TreeChange]) throws(GitError) {
        if entry.isTree {
            try compare(nil, try lookupTree(entry.id), prefix: path + "/", into: &changes)
        } else {
            changes.append(TreeChange(kind: .added, oldPath: nil, newPath: path, oldBlob: nil, newBlob: entry.id))
        }
    }
}
