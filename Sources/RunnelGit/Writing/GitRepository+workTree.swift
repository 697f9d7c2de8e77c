import CLibgit2

extension GitRepository {
    /// Refuses to touch `paths` in the work tree when any has uncommitted changes.
    func requireClean(_ paths: [String]) throws(GitError) {
        for path in paths {
            var flags: UInt32 = 0
            let code = git_status_file(&flags, raw, path)
            if code == GIT_ENOTFOUND.rawValue { continue }
            if code < 0 { continue }  // e.g. a path that is a folder in the work tree: checkout decides
            let ignored = GIT_STATUS_IGNORED.rawValue
            if flags != GIT_STATUS_CURRENT.rawValue && flags & ignored == 0 {
                throw GitError(.uncommittedChanges, "\(path) has uncommitted changes in \(workTree ?? gitDirectory); commit or stash them first")
            }
        }
    }

    /// Brings `paths` of the work tree and the index to `newTree` after the checked-out
    /// branch moved (best effort: the commit is already made).
    func syncWorkTree(paths: [String], from oldTree: Owned, to newTree: Owned) {
        var options = git_checkout_options()
        git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        options.baseline = oldTree.raw
        _ = try? withStrarray(paths) { array throws(GitError) in
            options.paths = array.pointee
            options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
            _ = git_checkout_tree(raw, newTree.raw, &options)
        }
    }
}
