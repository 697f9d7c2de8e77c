import Foundation
import Logging
import RunnelCore
import RunnelGit

/// Writes the watched branch: creates, updates, deletes and re-statuses workflows, edits
/// their schedules and installs templates, each as a validated commit (nothing invalid is
/// committed) made with compare-and-swap on the branch tip, then reconciled so the change is
/// active when the call returns. Draft branches are written through it too. Validation reads
/// the last snapshot's registry; it owns its repository handle.
public actor WorkflowWriter {
    let configuration: DaemonConfiguration
    /// Its own repository handle (a `GitRepository` is not `Sendable`).
    let repository: GitRepository
    let snapshots: SnapshotPublisher
    let reconciler: ReconcileService
    let scheduler: ScheduleService
    let logger: Logger

    init(configuration: DaemonConfiguration, snapshots: SnapshotPublisher, reconciler: ReconcileService, scheduler: ScheduleService,
         logger: Logger) throws {
        self.configuration = configuration
        repository = try GitRepository(path: configuration.repository)
        self.snapshots = snapshots
        self.reconciler = reconciler
        self.scheduler = scheduler
        self.logger = logger
    }

    /// What a commit is checked against besides `base`: the tip the caller validated its
    /// change on, read before any suspension (a model's answer, a reconcile). A branch that
    /// moved since makes the write stale instead of committing what was checked against
    /// another tree.
    public enum Expectation: Sendable {
        /// The tip when the commit is made (a change checked without suspending first).
        case current
        /// This tip (nil: the branch had no commit).
        case tip(String?)
    }

    /// The branch's tip now, read to be passed back as ``Expectation/tip(_:)``.
    func currentTip() throws(WriteError) -> String? {
        do {
            return try repository.branchTip(configuration.branch)?.hex
        } catch {
            throw WriteError(error)
        }
    }
}
