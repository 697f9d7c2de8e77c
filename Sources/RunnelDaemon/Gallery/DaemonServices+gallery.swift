public import RunnelCore

extension DaemonServices {
    /// The published workflows of the active commit (`publish:` in their active version, not
    /// archived), sorted by id, with that commit.
    public func publishedWorkflows() -> (commit: String?, workflows: [Workflow]) {
        let snapshot = snapshot
        let workflows = snapshot.workflows.values.compactMap(\.active?.workflow)
            .filter { $0.publish != nil && $0.status != .archived }
            .sorted { $0.id < $1.id }
        return (snapshot.activeCommit, workflows)
    }
}
