import Logging
import RunnelGit

/// The history of the workflows: their versions (first-parent commits of the branch that
/// changed each file, from the history index in the state folder), each version's
/// definition, and rollbacks, committed through the ``WorkflowWriter``. It owns its
/// repository handle, so reading history never waits on a write or a reconcile.
public actor HistoryService {
    let configuration: DaemonConfiguration
    /// Its own repository handle (a `GitRepository` is not `Sendable`).
    let repository: GitRepository
    let snapshots: SnapshotPublisher
    let writer: WorkflowWriter
    let logger: Logger

    init(configuration: DaemonConfiguration, snapshots: SnapshotPublisher, writer: WorkflowWriter, logger: Logger) throws {
        self.configuration = configuration
        repository = try GitRepository(path: configuration.repository)
        self.snapshots = snapshots
        self.writer = writer
        self.logger = logger
    }
}
