import CLibgit2
import Foundation

/// A git repository, bare or with a work tree, read and written through libgit2.
///
/// Not `Sendable`: libgit2 handles may be used from one thread at a time, so a repository
/// object belongs to one isolation domain (open one per task or wrap it in an actor).
public final class GitRepository {
    let handle: Owned
    var raw: OpaquePointer { handle.raw }

    /// The repository's git folder (`.git` of a work tree, or the bare repository itself).
    public let gitDirectory: String
    /// The folder shared by all work trees of the repository (where refs and objects live).
    public let commonDirectory: String
    /// The work tree's root; `nil` for a bare repository.
    public let workTree: String?

    /// Opens the repository at `path` exactly (its work tree root, its `.git`, or a bare one).
    /// - Throws: ``GitError`` `.notARepository` when `path` is not a repository.
    public convenience init(path: String) throws(GitError) {
        try self.init(path: path, search: false)
    }

    /// Opens the repository that contains `path` (`path` itself or the nearest parent).
    /// - Throws: ``GitError`` `.notARepository` when there is none.
    public static func discover(from path: String) throws(GitError) -> GitRepository {
        try GitRepository(path: path, search: true)
    }

    private init(path: String, search: Bool) throws(GitError) {
        _ = Libgit2.ready
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GitError.notARepository(path)
        }
        var out: OpaquePointer?
        let flags = search ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
        let code = git_repository_open_ext(&out, path, flags, nil)
        if code == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(path) }
        try Libgit2.check(code, "cannot open the repository at \(path)")
        guard let out else { throw GitError.notARepository(path) }
        handle = Owned(out, free: git_repository_free)
        gitDirectory = git_repository_path(out).map { String(cString: $0).trimmingSlash } ?? path
        commonDirectory = git_repository_commondir(out).map { String(cString: $0).trimmingSlash } ?? gitDirectory
        workTree = git_repository_workdir(out).map { String(cString: $0).trimmingSlash }
    }

    /// Whether the repository has no work tree.
    public var isBare: Bool { git_repository_is_bare(raw) == 1 }

    /// Whether HEAD's branch has no commit yet (a new repository).
    public var isEmpty: Bool { git_repository_head_unborn(raw) == 1 }

    /// Whether HEAD points at a commit rather than a branch.
    public var isHeadDetached: Bool { git_repository_head_detached(raw) == 1 }

    /// The branch HEAD points at (`main`), also when it has no commit yet; `nil` when
    /// HEAD is detached.
    public var headBranch: String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, raw, "HEAD") == 0, let ref else { return nil }
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : nil
    }
}

extension String {
    var trimmingSlash: String {
        var s = self
        while s.count > 1, s.hasSuffix("/") { s.removeLast() }
        return s
    }
}
