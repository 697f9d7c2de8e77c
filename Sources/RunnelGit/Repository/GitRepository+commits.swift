import CLibgit2

extension GitRepository {
    /// Looks up a commit by id; the handle is freed when the returned object goes away.
    func lookupCommit(_ id: ObjectID) throws(GitError) -> Owned {
        var oid = id.oid
        var commit: OpaquePointer?
        let code = git_commit_lookup(&commit, raw, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError(.revisionNotFound, "commit \(id.short) does not exist")
        }
        try Libgit2.check(code, "cannot read commit \(id.short)")
        guard let commit else { throw GitError(.revisionNotFound, "commit \(id.short) does not exist") }
        return Owned(commit, free: git_commit_free)
    }

    /// The tree of a commit.
    func lookupTree(ofCommit id: ObjectID) throws(GitError) -> Owned {
        let commit = try lookupCommit(id)
        var tree: OpaquePointer?
        try Libgit2.check(git_commit_tree(&tree, commit.raw), "cannot read the tree of commit \(id.short)")
        guard let tree else { throw GitError(.corruptObject, "commit \(id.short) has no tree") }
        return Owned(tree, free: git_tree_free)
    }

    /// A commit's metadata.
    /// - Throws: ``GitError`` `.revisionNotFound` when there is no such commit.
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        let commit = try lookupCommit(id)
        let c = commit.raw
        var parents: [ObjectID] = []
        for i in 0..<git_commit_parentcount(c) {
            if let oid = git_commit_parent_id(c, i) { parents.append(ObjectID(oid)) }
        }
        guard let tree = git_commit_tree_id(c), let author = git_commit_author(c), let committer = git_commit_committer(c) else {
            throw GitError(.corruptObject, "commit \(id.short) is damaged")
        }
        return Commit(
            id: id, parents: parents, tree: ObjectID(tree), author: Signature(author), committer: Signature(committer),
            subject: git_commit_summary(c).map { String(cString: $0) } ?? "",
            message: git_commit_message(c).map { String(cString: $0) } ?? "")
    }

    /// The commits from `tip` back along first parents (newest first), stopping before
    /// `stop` and its ancestors when given.
    /// - Parameters:
    ///   - tip: Where to start.
    ///   - stop: A commit whose ancestry is left out (it is not listed either).
    public func firstParentHistory(from tip: ObjectID, stoppingAt stop: ObjectID? = nil) throws(GitError) -> [ObjectID] {
        var walk: OpaquePointer?
        try Libgit2.check(git_revwalk_new(&walk, raw), "cannot walk the history")
        guard let walk else { return [] }
        defer { git_revwalk_free(walk) }
        try Libgit2.check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue), "cannot walk the history")
        try Libgit2.check(git_revwalk_simplify_first_parent(walk), "cannot walk the history")
        var start = tip.oid
        try Libgit2.check(git_revwalk_push(walk, &start), "cannot walk the history from \(tip.short)")
        if let stop {
            var hidden = stop.oid
            try Libgit2.check(git_revwalk_hide(walk, &hidden), "cannot walk the history to \(stop.short)")
        }
        var ids: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walk)
            if code == GIT_ITEROVER.rawValue { break }
            try Libgit2.check(code, "cannot walk the history from \(tip.short)")
            ids.append(ObjectID(oid))
        }
        return ids
    }
}
