import CLibgit2

extension GitRepository {
    /// The content of the file at `path` in `commit`'s tree; `nil` when there is no file there.
    /// A symbolic link counts as no file: Runnel never reads through a link (its blob holds
    /// the target's path, which could name anything outside the repository).
    /// - Throws: ``GitError`` when the commit does not exist or the blob is damaged.
    public func file(at path: String, in commit: ObjectID) throws(GitError) -> [UInt8]? {
        let tree = try lookupTree(ofCommit: commit)
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree.raw, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try Libgit2.check(code, "cannot read \(path) at \(commit.short)")
        guard let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK,
              let oid = git_tree_entry_id(entry) else { return nil }
        return try blob(ObjectID(oid), path: path)
    }

    /// The bytes of blob `id`.
    public func blob(_ id: ObjectID, path: String? = nil) throws(GitError) -> [UInt8] {
        var oid = id.oid
        var blob: OpaquePointer?
        let code = git_blob_lookup(&blob, raw, &oid)
        if code < 0 {
            let failure = Libgit2.error(code, "cannot read \(path ?? "blob") (object \(id.short))")
            throw GitError(code == GIT_ENOTFOUND.rawValue ? .corruptObject : failure.kind, failure.message)
        }
        guard let blob else { throw GitError(.corruptObject, "blob \(id.short) is missing") }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// Every file (blob) in `commit`'s tree below folder `prefix` (`workflows`), sorted by path.
    /// An absent folder gives an empty list.
    public func files(in commit: ObjectID, under prefix: String = "") throws(GitError) -> [TreeFile] {
        let root = try lookupTree(ofCommit: commit)
        var start = root
        let folder = prefix.trimmingSlash == "/" ? "" : prefix.trimmingSlash
        if !folder.isEmpty {
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, root.raw, folder)
            if code == GIT_ENOTFOUND.rawValue { return [] }
            try Libgit2.check(code, "cannot read \(folder) at \(commit.short)")
            guard let entry else { return [] }
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_TREE, let oid = git_tree_entry_id(entry) else { return [] }
            start = try lookupTree(ObjectID(oid))
        }
        var files: [TreeFile] = []
        try collect(start, prefix: folder.isEmpty ? "" : folder + "/", into: &files)
        return files.sorted { $0.path < $1.path }
    }

    func lookupTree(_ id: ObjectID) throws(GitError) -> Owned {
        var oid = id.oid
        var tree: OpaquePointer?
        let code = git_tree_lookup(&tree, raw, &oid)
        if code < 0 {
            let failure = Libgit2.error(code, "cannot read tree \(id.short)")
            throw GitError(code == GIT_ENOTFOUND.rawValue ? .corruptObject : failure.kind, failure.message)
        }
        guard let tree else { throw GitError(.corruptObject, "tree \(id.short) is missing") }
        return Owned(tree, free: git_tree_free)
    }

    private func collect(_ tree: Owned, prefix: String, into files: inout [TreeFile]) throws(GitError) {
        for i in 0..<git_tree_entrycount(tree.raw) {
            guard let entry = git_tree_entry_byindex(tree.raw, i), let name = git_tree_entry_name(entry),
                  let oid = git_tree_entry_id(entry) else { continue }
            let path = prefix + String(cString: name)
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_BLOB: files.append(TreeFile(path: path, blob: ObjectID(oid), isSymlink: git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK))
            case GIT_OBJECT_TREE: try collect(try lookupTree(ObjectID(oid)), prefix: path + "/", into: &files)
            default: continue  // submodules
            }
        }
    }
}
