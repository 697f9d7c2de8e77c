import Foundation
import Logging
import RunnelCore
public import RunnelEngine
import RunnelGit
public import ServiceLifecycle

/// Brings the registry of active workflows forward with the branch: watches the refs
/// (inotify, and a poll as a fallback), fetches the remote in mirror mode, reconciles each
/// new tip off the actor (``ReconcileJob``), applies `runnel.yaml`, publishes the result as
/// the next ``WorkflowSnapshot``, hands it to the ``ScheduleService``, saves `daemon.json`,
/// and prunes the run store as `retention:` says. Its loop's decisions are a value
/// (``ReconcileStateMachine``). It owns its repository handle.
public actor ReconcileService: Service {
    let configuration: DaemonConfiguration
    /// Its own repository handle (a `GitRepository` is not `Sendable`).
    let repository: GitRepository
    let snapshots: SnapshotPublisher
    let scheduler: ScheduleService
    let engine: Engine
    let store: any RunStore
    let secrets: any SecretStore
    let providers: ProviderCatalogBox
    let connections: ConnectionCatalogBox
    let logger: Logger
    /// Wakes the loop early: a ref changed, a fetch was asked for, the shutdown began.
    let wakeup = Wakeup()
    var machine: ReconcileStateMachine
    /// The registry being brought forward (readers use the snapshot).
    var registry = Registry()
    /// `runnel.yaml` as last valid (the defaults when it never was), and the tip's problems.
    var settings = RepositorySettings()
    var settingsProblems: [String] = []
    /// The commit whose `runnel.yaml` gave ``settings`` (nil: the defaults).
    var settingsCommit: String?
    /// A commit that could not be reconciled (it is skipped until the branch moves on).
    var invalidCommit: WorkflowSnapshot.InvalidCommit?
    /// The workflows with triggers, kept change by change.
    var triggerIndex = TriggerIndex()
    /// Each workflow's item of `daemon.json`, serialized, kept change by change (a push
    /// serializes what it changed, not every workflow).
    var savedItems: [String: String] = [:]
    /// Whether ``savedItems`` holds every workflow (after the first save).
    var savedItemsComplete = false
    /// The history index as the last reconcile brought it forward, kept between pushes; it is
    /// written to the state folder every ``historySaveInterval`` reconciles and at the stop.
    var history: HistoryIndex?
    var reconcilesSinceHistorySave = 0
    static let historySaveInterval = 50
    /// Whether a reconcile is in progress, and who waits for it to end.
    var reconcileInProgress = false
    var reconcileWaiters: [CheckedContinuation<Void, Never>] = []
    /// Mirror mode: the last fetch's problem, if it failed.
    public private(set) var fetchProblem: String?

    init(configuration: DaemonConfiguration, snapshots: SnapshotPublisher, scheduler: ScheduleService, engine: Engine,
         store: any RunStore, secrets: any SecretStore, providers: ProviderCatalogBox, connections: ConnectionCatalogBox, logger: Logger) throws {
        self.configuration = configuration
        repository = configuration.remote == nil
            ? try GitRepository(path: configuration.repository)
            : try GitRepository.openOrCreateBare(at: configuration.repository, branch: configuration.branch)
        self.snapshots = snapshots
        self.scheduler = scheduler
        self.engine = engine
        self.store = store
        self.secrets = secrets
        self.providers = providers
        self.connections = connections
        self.logger = logger
        machine = ReconcileStateMachine(mirror: configuration.remote != nil, fetchInterval: configuration.fetchInterval.seconds,
                                        pollInterval: configuration.pollInterval.seconds)
    }

    /// Runs until the graceful shutdown: reads the branch tip when inotify sees the refs change
    /// (and every poll interval), reconciles when it moved; in mirror mode fetches first when
    /// the fetch is due or a push hook asked for it.
    public func run() async {
        let wakeup = self.wakeup
        let watcher = RefWatcher(gitDirectory: repository.commonDirectory, branch: configuration.branch) { wakeup.signal() }
        defer { watcher?.stop() }
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled { await self.turn() }
        }
        saveAtStop()
    }

    /// One turn of the loop: fetch, reconcile, prune, then wait for a signal or the next wake.
    private func turn() async {
        await fetchIfDue()
        do {
            _ = try await reconcile()
        } catch let failure as ReconcileFailure {
            logger.problem(failure.description, [LogKey.commit: .string(failure.commit)])
        } catch {
            logger.problem("\(error)")
        }
        await pruneIfDue(now: Date())
        let wake = machine.nextWake(now: Date())
        await wakeup.wait(for: Duration.sleep(seconds: wake.timeIntervalSinceNow) + .microseconds(200))
    }

    /// Asks for a fetch of the remote at once (a push hook came); requests that come while
    /// one is pending are one fetch.
    public func requestFetch() {
        machine.requestFetch()
        wakeup.signal()
    }

    /// Fetches the remote branch into the mirror when it is due (or was asked for), off the
    /// actor on a repository handle of its own. Returns the problem when the fetch failed.
    @discardableResult
    func fetchIfDue(now: Date = Date()) async -> String? {
        guard let remote = configuration.remote, machine.shouldFetch(now: now) else { return nil }
        let path = configuration.repository, branch = configuration.branch
        let result = await Task.detached { () -> String? in
            do {
                try GitRepository(path: path).mirror(branch: branch, from: remote)
                return nil
            } catch {
                return "cannot fetch \(branch) from \(remote): \(error)"
            }
        }.value
        fetchProblem = result
        if let result { logger.problem(result) }
        return result
    }

    /// Prunes the finished runs `retention:` lets go, at most once an hour.
    private func pruneIfDue(now: Date) async {
        guard let policy = settings.retention, machine.shouldPrune(now: now, retains: !policy.keepsEverything) else { return }
        do {
            try await store.prune(policy, now: now)
        } catch {
            logger.problem("retention: cannot prune the run store: \(error)")
        }
    }

    /// The settings in force and the tip's `runnel.yaml` problems.
    public var settingsInForce: (settings: RepositorySettings, problems: [String]) { (settings, settingsProblems) }
}
