import CLibgit2

extension GitRepository {
    /// The paths that differ between two commits' trees, with renames detected as git does
    /// (similarity ≥ 50%), sorted by path.
    /// - Parameters:
    ///   - base: The old commit; `nil` compares with an empty tree (everything is added).
    ///   - head: The new commit.
    ///   - prefix: Only paths below this folder (`workflows/`); empty for all.
    public func changes(from base: ObjectID?, to head: ObjectID, under prefix: String = "") throws(GitError) -> [TreeChange] {
        let newTree = try lookupTree(ofCommit: head)
        let oldTree = try base.map { id throws(GitError) in try lookupTree(ofCommit: id) }
        return try changes(from: oldTree, to: newTree, under: prefix)
    }

    func changes(from oldTree: Owned?, to newTree: Owned?, under prefix: String) throws(GitError) -> [TreeChange] {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        let folder = prefix.trimmingSlash
        let specs = folder.isEmpty ? [] : [folder + "/"]
        let diff: Owned = try withStrarray(specs) { array throws(GitError) in
            if !specs.isEmpty { options.pathspec = array.pointee }
            var out: OpaquePointer?
            try Libgit2.check(git_diff_tree_to_tree(&out, raw, oldTree?.raw, newTree?.raw, &options), "cannot compare trees")
            guard let out else { throw GitError(.other, "cannot compare trees") }
            return Owned(out, free: git_diff_free)
        }
        var find = git_diff_find_options()
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        try Libgit2.check(git_diff_find_similar(diff.raw, &find), "cannot detect renames")
        var result: [TreeChange] = []
        for i in 0..<git_diff_num_deltas(diff.raw) {
            guard let delta = git_diff_get_delta(diff.raw, i)?.pointee else { continue }
            let oldPath = delta.old_file.path.map { String(cString: $0) }
            let newPath = delta.new_file.path.map { String(cString: $0) }
            let oldBlob = ObjectID(delta.old_file.id), newBlob = ObjectID(delta.new_file.id)
            switch delta.status {
            case GIT_DELTA_ADDED:
                result.append(TreeChange(kind: .added, oldPath: nil, newPath: newPath, oldBlob: nil, newBlob: newBlob))
            case GIT_DELTA_DELETED:
                result.append(TreeChange(kind: .deleted, oldPath: oldPath, newPath: nil, oldBlob: oldBlob, newBlob: nil))
            case GIT_DELTA_RENAMED:
                result.append(TreeChange(kind: .renamed(similarity: Int(delta.similarity)), oldPath: oldPath, newPath: newPath,
                                         oldBlob: oldBlob, newBlob: newBlob))
            case GIT_DELTA_UNMODIFIED, GIT_DELTA_IGNORED, GIT_DELTA_UNTRACKED:
                continue
            default:
                result.append(TreeChange(kind: .modified, oldPath: oldPath, newPath: newPath, oldBlob: oldBlob, newBlob: newBlob))
            }
        }
        return result.sorted { $0.path < $1.path }
    }
}
