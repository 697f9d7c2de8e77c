import CLibgit2

extension GitRepository {
    /// The commit a revision names: a branch (`main`), a tag, `HEAD~2`, a full or short id.
    /// - Throws: ``GitError`` `.revisionNotFound` when it names nothing (or no commit).
    public func resolve(_ revision: String) throws(GitError) -> ObjectID {
        guard !revision.isEmpty, !revision.hasPrefix("-") else { throw GitError.revisionNotFound(revision) }
        var object: OpaquePointer?
        let code = git_revparse_single(&object, raw, revision)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            throw GitError.revisionNotFound(revision)
        }
        if code == GIT_EAMBIGUOUS.rawValue {
            throw GitError(.revisionNotFound, "revision '\(revision)' is ambiguous; give more digits")
        }
        try Libgit2.check(code, "cannot resolve '\(revision)'")
        guard let object else { throw GitError.revisionNotFound(revision) }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else {
            throw GitError(.revisionNotFound, "revision '\(revision)' is not a commit")
        }
        defer { git_object_free(commit) }
        guard let oid = git_object_id(commit) else { throw GitError.revisionNotFound(revision) }
        return ObjectID(oid)
    }

    /// The commit at the tip of local branch `name`, or `nil` when the branch has none yet.
    public func branchTip(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, raw, "refs/heads/" + name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try Libgit2.check(code, "cannot read branch '\(name)'")
        return ObjectID(oid)
    }

    /// The commit HEAD points at; `nil` in an empty repository.
    public func headCommit() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, raw, "HEAD")
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
        try Libgit2.check(code, "cannot read HEAD")
        return ObjectID(oid)
    }

    /// Whether `ancestor` is `commit` or one of its ancestors.
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws(GitError) -> Bool {
        if ancestor == commit { return true }
        var a = commit.oid, b = ancestor.oid
        let code = git_graph_descendant_of(raw, &a, &b)
        try Libgit2.check(code, "cannot compare \(commit.short) with \(ancestor.short)")
        return code == 1
    }
}

extension GitRepository {
    /// The best common ancestor of two commits (what a pull request is compared against);
    /// `nil` when they share no history.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID? {
        var out = git_oid()
        var x = a.oid, y = b.oid
        let code = git_merge_base(&out, raw, &x, &y)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try Libgit2.check(code, "cannot find the merge base of \(a.short) and \(b.short)")
        return ObjectID(out)
    }
}
