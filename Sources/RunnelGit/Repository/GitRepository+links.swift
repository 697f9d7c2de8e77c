import CLibgit2

extension GitRepository {
    /// The paths below `prefix` in `commit`'s tree that are symbolic links (mode 120000), in
    /// one walk of the tree. Git keeps a link as a blob holding the target's path; Runnel
    /// never reads one as a file.
    /// - Throws: ``GitError`` when the commit or a tree can't be read.
    public func symlinks(in commit: ObjectID, under prefix: String) throws(GitError) -> Set<String> {
        Set(try files(in: commit, under: prefix).filter(\.isSymlink).map(\.path))
    }
}

extension GitRepository {
    /// Whether `path` in `commit`'s tree is a symbolic link: one lookup of that path (a push's
    /// changed files are checked one by one instead of walking the whole tree).
    /// - Throws: ``GitError`` when the commit or a tree can't be read.
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
