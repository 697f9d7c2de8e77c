import Logging
import RunnelCore
import RunnelEngine
import RunnelGit

/// Generated workflows: asks the model for a workflow, repairs it until it validates, and
/// commits it as a draft on `drafts/<id>`; regenerates a draft's steps; approves a draft
/// (a merge into the watched branch) or rejects it, also through signed links; announces
/// each new draft through the ``NotificationService``. Every write goes through the
/// ``WorkflowWriter`` with compare-and-swap on the tip read before the model was asked, so a
/// check made before that suspension still holds when the commit lands. It owns its
/// repository handle (reads only).
public actor DraftService {
    let configuration: DaemonConfiguration
    /// Its own repository handle (a `GitRepository` is not `Sendable`).
    let repository: GitRepository
    let snapshots: SnapshotPublisher
    let writer: WorkflowWriter
    let notifications: NotificationService
    let keyring: ApprovalKeyring
    let providers: ProviderCatalogBox
    let secrets: any SecretStore
    let logger: Logger

    init(configuration: DaemonConfiguration, snapshots: SnapshotPublisher, writer: WorkflowWriter, notifications: NotificationService,
         keyring: ApprovalKeyring, providers: ProviderCatalogBox, secrets: any SecretStore, logger: Logger) throws {
        self.configuration = configuration
        repository = try GitRepository(path: configuration.repository)
        self.snapshots = snapshots
        self.writer = writer
        self.notifications = notifications
        self.keyring = keyring
        self.providers = providers
        self.secrets = secrets
        self.logger = logger
    }
}
