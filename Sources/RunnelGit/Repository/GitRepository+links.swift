extension GitRepository {
    /// The paths below `prefix` in `commit`'s tree that are symbolic links (mode 120000), in
    /// one walk of the tree. Git keeps a link as a blob holding the target's path; Runnel
    /// never reads one as a file.
    /// - Throws: ``GitError`` when the commit or a tree can't be read.
    public func symlinks(in commit: ObjectID, under prefix: String) throws(GitError) -> Set<String> {
        Set(try files(in: commit, under: prefix).filter(\.isSymlink).map(\.path))
    }
}
