import CLibgit2
import Foundation

extension GitRepository {
    /// Makes a commit on `branch` that applies `changes` to the tree of `expectedTip`, and
    /// moves the branch to it only if the branch still points at `expectedTip`.
    ///
    /// When the branch is checked out in this repository's work tree, the changed files
    /// and the index are updated too; a changed path with uncommitted edits is refused first.
    /// - Parameters:
    ///   - changes: Files to write or delete.
    ///   - branch: The branch name (`main`).
    ///   - expectedTip: The commit the changes were prepared on; `nil` for a branch that
    ///     has no commit yet.
    ///   - message: The commit message.
    ///   - author: Author and committer; the repository's configured identity when `nil`.
    ///   - start: For a branch that doesn't exist yet (`expectedTip` nil): the commit the new
    ///     branch starts from (the parent, and the tree the changes apply to).
    ///   - merging: A second parent: the commit is a merge of it into `branch` (its tree is
    ///     still `expectedTip`'s with `changes` applied).
    /// - Returns: The new commit's id.
    /// - Throws: ``GitError`` `.staleBranch` when the branch moved (nothing is written to
    ///   the branch then), `.pathNotFound` when deleting a file that isn't there,
    ///   `.invalidArgument` for a bad path or a change that changes nothing.
    @discardableResult
    public func commit(_ changes: [FileChange], on branch: String, expectedTip: ObjectID?, message: String,
                       author: Signature? = nil, startingAt start: ObjectID? = nil, merging: ObjectID? = nil) throws(GitError) -> ObjectID {
        guard !changes.isEmpty else { throw GitError.invalid("nothing to commit: no file changes") }
        for change in changes {
            if let problem = FileChange.problem(with: change.path) { throw GitError.invalid("cannot write \(problem)") }
        }
        try checkTip(of: branch, is: expectedTip)
        let base = expectedTip ?? start
        let baseTree: Owned
        if let base { baseTree = try lookupTree(ofCommit: base) } else { baseTree = try emptyTree() }
        var updates: [(action: git_tree_update_t, oid: git_oid, path: String)] = []
        for change in changes {
            switch change {
            case .write(let path, let contents):
                var oid = git_oid()
                let code = contents.withUnsafeBytes { git_blob_create_from_buffer(&oid, raw, $0.baseAddress, $0.count) }
                try Libgit2.check(code, "cannot write \(path)")
                updates.append((GIT_TREE_UPDATE_UPSERT, oid, path))
            case .delete(let path):
                var entry: OpaquePointer?
                guard git_tree_entry_bypath(&entry, baseTree.raw, path) == 0, let entry else {
                    throw GitError(.pathNotFound, "cannot delete \(path): no such file at \(expectedTip?.short ?? "the empty branch")")
                }
                git_tree_entry_free(entry)
                updates.append((GIT_TREE_UPDATE_REMOVE, git_oid(), path))
            }
        }
        let tree = try updatedTree(baseTree, updates)
        if let base, merging == nil, try lookupCommit(base).treeID == tree {
            throw GitError.invalid("nothing to commit: the files already have that content")
        }
        return try commitTree(tree, parent: expectedTip, on: branch, message: message, author: author,
                              paths: changes.map(\.path), oldTree: baseTree,
                              parents: [base, merging].compactMap { $0 })
    }

    /// Writes a commit with `tree` on top of `parent` and moves `branch` with a
    /// compare-and-swap; syncs the work tree's `paths` when the branch is checked out.
    /// `parents` defaults to `parent` alone; `parent` is the tip the branch must still be at.
    func commitTree(_ tree: ObjectID, parent: ObjectID?, on branch: String, message: String, author: Signature?,
                    paths: [String], oldTree: Owned, parents: [ObjectID]? = nil) throws(GitError) -> ObjectID {
        let checkedOut = !isBare && headBranch == branch
        if checkedOut { try requireClean(paths) }
        let treeObject = try lookupTree(tree)
        let signature: Signature
        if let author { signature = author } else { signature = try defaultSignature() }
        var parentCommits: [Owned] = []
        for id in parents ?? [parent].compactMap({ $0 }) { parentCommits.append(try lookupCommit(id)) }
        var newOid = git_oid()
        try signature.withGitSignature { sig throws(GitError) in
            var parents: [OpaquePointer?] = parentCommits.map { $0.raw }
            let code = parents.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&newOid, raw, nil, sig, sig, "UTF-8", message, treeObject.raw, buffer.count, buffer.baseAddress)
            }
            try Libgit2.check(code, "cannot create the commit")
        }
        let id = ObjectID(newOid)
        try moveBranch(branch, from: parent, to: id, message: "runnel: " + (message.split(separator: "\n").first.map(String.init) ?? ""))
        if checkedOut { syncWorkTree(paths: paths, from: oldTree, to: treeObject) }
        return id
    }

    /// Fails with `.staleBranch` unless `branch` points at `expected` (early, readable check;
    /// the ref update itself is the authoritative compare-and-swap).
    func checkTip(of branch: String, is expected: ObjectID?) throws(GitError) {
        let current = try branchTip(branch)
        guard current == expected else { throw Self.stale(branch, expected: expected, current: current) }
    }

    static func stale(_ branch: String, expected: ObjectID?, current: ObjectID?) -> GitError {
        GitError(.staleBranch, "branch '\(branch)' moved from \(expected?.short ?? "(no commit)") to \(current?.short ?? "(no commit)") "
                 + "while the change was prepared; nothing was committed: retry on the new tip")
    }

    private func moveBranch(_ branch: String, from old: ObjectID?, to new: ObjectID, message: String) throws(GitError) {
        var ref: OpaquePointer?
        var target = new.oid
        let name = "refs/heads/" + branch
        let code: Int32
        if let old {
            var current = old.oid
            code = git_reference_create_matching(&ref, raw, name, &target, 1, &current, message)
        } else {
            code = git_reference_create(&ref, raw, name, &target, 0, message)
        }
        if let ref { git_reference_free(ref) }
        if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue || code == GIT_ELOCKED.rawValue {
            throw Self.stale(branch, expected: old, current: try? branchTip(branch))
        }
        try Libgit2.check(code, "cannot update branch '\(branch)'")
    }

    func emptyTree() throws(GitError) -> Owned {
        var builder: OpaquePointer?
        try Libgit2.check(git_treebuilder_new(&builder, raw, nil), "cannot build a tree")
        guard let builder else { throw GitError(.other, "cannot build a tree") }
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try Libgit2.check(git_treebuilder_write(&oid, builder), "cannot write the empty tree")
        return try lookupTree(ObjectID(oid))
    }

    private func updatedTree(_ base: Owned, _ updates: [(action: git_tree_update_t, oid: git_oid, path: String)]) throws(GitError) -> ObjectID {
        let paths = updates.map { strdup($0.path) }
        defer { paths.forEach { free($0) } }
        var entries = updates.enumerated().map { i, u in
            git_tree_update(action: u.action, id: u.oid, filemode: GIT_FILEMODE_BLOB, path: paths[i])
        }
        var oid = git_oid()
        let code = entries.withUnsafeMutableBufferPointer { git_tree_create_updated(&oid, raw, base.raw, $0.count, $0.baseAddress) }
        try Libgit2.check(code, "cannot build the new tree")
        return ObjectID(oid)
    }

    /// The identity git would use here (`user.name`/`user.email`), else `GIT_AUTHOR_NAME`/
    /// `GIT_AUTHOR_EMAIL`, else `Runnel <runnel@localhost>`.
    public func defaultSignature() throws(GitError) -> Signature {
        let env = ProcessInfo.processInfo.environment
        if let name = env["GIT_AUTHOR_NAME"], let email = env["GIT_AUTHOR_EMAIL"], !name.isEmpty {
            return Signature(name: name, email: email, utcOffsetMinutes: Self.localOffsetMinutes)
        }
        var sig: UnsafeMutablePointer<git_signature>?
        if git_signature_default(&sig, raw) == 0, let sig {
            defer { git_signature_free(sig) }
            var signature = Signature(sig)
            signature.date = Date()
            return signature
        }
        return Signature(name: "Runnel", email: "runnel@localhost", utcOffsetMinutes: Self.localOffsetMinutes)
    }

    static var localOffsetMinutes: Int { TimeZone.current.secondsFromGMT() / 60 }
}

extension Owned {
    /// The tree id of a commit handle.
    var treeID: ObjectID? { git_commit_tree_id(raw).map { ObjectID($0) } }
}
