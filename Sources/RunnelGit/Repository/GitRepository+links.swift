import CLibgit2

extension GitRepository {
    /// Whether the entry at `path` in `commit`'s tree is a symbolic link (mode 120000). Git
    /// keeps a link as a blob holding the target's path; Runnel never reads one as a file.
    /// - Throws: ``GitError`` when the commit does not exist.
    public func isSymlink(_ path: String, in commit: ObjectID) throws(GitError) -> Bool {
        let tree = try lookupTree(ofCommit: commit)
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree.raw, path)
        if code == GIT_ENOTFOUND.rawValue { return false }
        try Libgit2.check(code, "cannot read \(path) at \(commit.short)")
        guard let entry else { return false }
        defer { git_tree_entry_free(entry) }
        return git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK
    }
}
