import CLibgit2

extension GitRepository {
    /// Makes a commit on `branch` that undoes `commit` (as `git revert` does), with a
    /// compare-and-swap on the branch tip.
    /// - Parameters:
    ///   - commit: The commit to undo; for a merge, the change against its first parent.
    ///   - branch: The branch to commit on.
    ///   - expectedTip: The tip the revert is computed against.
    ///   - message: The message; git's `Revert "subject"` form when `nil`.
    ///   - author: Author and committer; the configured identity when `nil`.
    /// - Returns: The new commit's id.
    /// - Throws: ``GitError`` `.conflict` when the revert does not apply cleanly,
    ///   `.staleBranch` when the branch moved, `.invalidArgument` when it changes nothing.
    @discardableResult
    public func revert(_ commit: ObjectID, on branch: String, expectedTip: ObjectID, message: String? = nil,
                       author: Signature? = nil) throws(GitError) -> ObjectID {
        try checkTip(of: branch, is: expectedTip)
        let target = try lookupCommit(commit)
        let ours = try lookupCommit(expectedTip)
        let info = try self.commit(commit)
        guard !info.parents.isEmpty else {
            throw GitError.invalid("cannot revert \(commit.short): it is a root commit")
        }
        var index: OpaquePointer?
        let mainline: UInt32 = info.parents.count > 1 ? 1 : 0
        try Libgit2.check(git_revert_commit(&index, raw, target.raw, ours.raw, mainline, nil), "cannot revert \(commit.short)")
        guard let index else { throw GitError(.other, "cannot revert \(commit.short)") }
        defer { git_index_free(index) }
        if git_index_has_conflicts(index) == 1 {
            throw GitError(.conflict, "reverting \(commit.short) conflicts with later changes on '\(branch)'; revert it by hand")
        }
        var treeOid = git_oid()
        try Libgit2.check(git_index_write_tree_to(&treeOid, index, raw), "cannot write the reverted tree")
        let tree = ObjectID(treeOid)
        let oldTree = try lookupTree(ofCommit: expectedTip)
        guard ours.treeID != tree else {
            throw GitError.invalid("reverting \(commit.short) changes nothing on '\(branch)'")
        }
        let paths = try changes(from: oldTree, to: try lookupTree(tree), under: "").flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } }
        let text = message ?? "Revert \"\(info.subject)\"\n\nThis reverts commit \(commit.hex).\n"
        return try commitTree(tree, parent: expectedTip, on: branch, message: text, author: author, paths: paths, oldTree: oldTree)
    }
}
