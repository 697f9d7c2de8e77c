import RunnelGit

extension WorkflowWriter {
    /// The commit the watched branch is at now: what a write must be based on (`If-Match`,
    /// `base_commit`), and what reads return as their `ETag`. `nil` on an empty branch.
    /// - Throws: ``WriteError`` when the repository can't be read.
    public func branchCommit() throws(WriteError) -> String? {
        do {
            return try repository.branchTip(configuration.branch)?.hex
        } catch {
            throw WriteError(error)
        }
    }
}
