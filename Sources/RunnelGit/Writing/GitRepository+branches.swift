import CLibgit2

extension GitRepository {
    /// Deletes branch `name` when its tip is still `expectedTip` (compare and swap).
    /// - Throws: ``GitError`` `.staleBranch` when the branch moved or is gone.
    public func deleteBranch(_ name: String, expectedTip: ObjectID) throws(GitError) {
        guard FileChange.problem(with: name) == nil, !name.hasPrefix("-") else { throw GitError.invalid("invalid branch name '\(name)'") }
        guard let tip = try branchTip(name), tip == expectedTip else {
            throw Self.stale(name, expected: expectedTip, current: try? branchTip(name))
        }
        var ref: OpaquePointer?
        try Libgit2.check(git_reference_lookup(&ref, raw, "refs/heads/" + name), "cannot read branch '\(name)'")
        defer { git_reference_free(ref) }
        try Libgit2.check(git_reference_delete(ref), "cannot delete branch '\(name)'")
    }
}
