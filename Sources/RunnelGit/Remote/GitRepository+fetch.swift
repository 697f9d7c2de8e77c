import CLibgit2

extension GitRepository {
    /// Fetches `branch` from a remote into a remote-tracking ref and returns its tip.
    /// - Parameters:
    ///   - remote: A configured remote's name (`origin`), or a URL or path of a repository.
    ///   - branch: The remote branch's name (`main`).
    /// - Returns: The fetched commit; it is stored as `refs/remotes/<name>/<branch>` for a
    ///   named remote, `refs/runnel/fetched/<branch>` for a URL.
    /// - Throws: ``GitError`` `.network` when the remote cannot be reached,
    ///   `.revisionNotFound` when it has no such branch.
    @discardableResult
    public func fetch(from remote: String, branch: String) throws(GitError) -> ObjectID {
        guard FileChange.problem(with: branch) == nil, !branch.hasPrefix("-") else {
            throw GitError.invalid("invalid branch name '\(branch)'")
        }
        var handle: OpaquePointer?
        let localRef: String
        if git_remote_lookup(&handle, raw, remote) == 0, handle != nil {
            localRef = "refs/remotes/\(remote)/\(branch)"
        } else {
            try Libgit2.check(git_remote_create_anonymous(&handle, raw, remote), "cannot use remote '\(remote)'")
            localRef = "refs/runnel/fetched/\(branch)"
        }
        guard let handle else { throw GitError.invalid("cannot use remote '\(remote)'") }
        defer { git_remote_free(handle) }
        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        try withStrarray(["+refs/heads/\(branch):\(localRef)"]) { specs throws(GitError) in
            let code = git_remote_fetch(handle, specs, &options, "runnel: fetch \(branch)")
            if code < 0 {
                let error = Libgit2.error(code, "cannot fetch '\(branch)' from \(remote)")
                throw GitError(error.kind == .other ? .network : error.kind, error.message)
            }
        }
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, raw, localRef)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError(.revisionNotFound, "remote \(remote) has no branch '\(branch)'")
        }
        try Libgit2.check(code, "cannot read \(localRef)")
        return ObjectID(oid)
    }
}
