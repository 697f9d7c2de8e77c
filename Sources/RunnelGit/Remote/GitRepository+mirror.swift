import CLibgit2
import Foundation

extension GitRepository {
    /// Creates a bare repository at `path` (and its parent folders) whose HEAD names
    /// `branch`, or opens the one that is there.
    public static func openOrCreateBare(at path: String, branch: String) throws(GitError) -> GitRepository {
        if FileManager.default.fileExists(atPath: path) { return try GitRepository(path: path) }
        _ = Libgit2.ready
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GitError.invalid("cannot create \(path): \(error.localizedDescription)")
        }
        var out: OpaquePointer?
        var options = git_repository_init_options()
        git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        options.flags = GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_MKPATH.rawValue
        let code = branch.withCString { name in
            options.initial_head = name
            return git_repository_init_ext(&out, path, &options)
        }
        try Libgit2.check(code, "cannot create a repository at \(path)")
        if let out { git_repository_free(out) }
        return try GitRepository(path: path)
    }

    /// Fetches `branch` from `remote` and sets the local branch of the same name to it,
    /// whatever it was (a mirror follows force-pushes). Returns the new tip.
    /// - Throws: ``GitError`` as ``fetch(from:branch:)``.
    @discardableResult
    public func mirror(branch: String, from remote: String) throws(GitError) -> ObjectID {
        let tip = try fetch(from: remote, branch: branch)
        var target = tip.oid
        var ref: OpaquePointer?
        let code = git_reference_create(&ref, raw, "refs/heads/\(branch)", &target, 1, "runnel: mirror \(branch) from \(remote)")
        if let ref { git_reference_free(ref) }
        try Libgit2.check(code, "cannot update branch '\(branch)'")
        return tip
    }
}
