public import Foundation
public import Logging
import RunnelCore
public import RunnelEngine
public import ServiceLifecycle

/// The composition root of the daemon: builds its services over one engine, one run store and
/// one ``SnapshotPublisher``, and hands them to the routes (which take the services they need
/// from here) and, in dependency order, to a `ServiceGroup` (``services``).
///
/// Who owns what: the ``ReconcileService`` the registry, `runnel.yaml`, mirror fetches and
/// `daemon.json`; the ``ScheduleService`` the timers and `schedules.json`; the ``RunLauncher``
/// starting and following runs (triggers, chains) and the engine's stop; the
/// ``NotificationService`` webhook posts and mail; the ``WorkflowWriter`` every commit; the
/// ``HistoryService`` versions and rollbacks; the ``DraftService`` generated drafts.
public struct DaemonServices: Sendable {
    /// The settings it was built with.
    public let configuration: DaemonConfiguration
    /// The engine that runs the workflows.
    public let engine: Engine
    /// The run store.
    public let store: any RunStore
    /// Secret values by name (webhook secrets, steps).
    public let secrets: any SecretStore
    /// The last registry snapshot, read by every reader without waiting on a reconcile.
    public let snapshots: SnapshotPublisher
    /// The model providers of `runnel.yaml` at the active commit, shared with the agent steps.
    public let providers: ProviderCatalogBox
    /// The connections of `runnel.yaml` at the active commit, shared with the HTTP steps.
    public let connections = ConnectionCatalogBox()
    /// The key that signs approval and draft links.
    public let approvals: ApprovalKeyring
    public let notifications: NotificationService
    public let launcher: RunLauncher
    public let scheduler: ScheduleService
    public let reconciler: ReconcileService
    public let writer: WorkflowWriter
    public let history: HistoryService
    public let drafts: DraftService
    let logger: Logger

    /// Opens the repository (a handle per service) and the run store, and builds the services.
    /// - Parameters:
    ///   - runners: The step runners (default: the standard ones, with agent steps using `providers`).
    ///   - providers: Where the providers of `runnel.yaml` are kept; each new commit's replace them.
    ///   - grace: At the graceful shutdown, how long running steps may take to end.
    ///   - store: Where runs are recorded (default: a ``FileRunStore`` in the state folder).
    ///   - logger: Where the services log (constant messages, ``DaemonLog``, with `runnel.*` metadata).
    /// - Throws: when the repository can't be opened or the state folder can't be created.
    public init(_ configuration: DaemonConfiguration, secrets: any SecretStore, runners: StepRunners? = nil,
                providers: ProviderCatalogBox = ProviderCatalogBox(), store runStore: (any RunStore)? = nil, grace: Duration = .seconds(30),
                logger: Logger = Logger(label: "runnel.daemon"), notificationBackoff: [Duration] = [.seconds(1), .seconds(2), .seconds(4)]) throws {
        self.configuration = configuration
        self.secrets = secrets
        self.providers = providers
        self.logger = logger
        let snapshots = SnapshotPublisher()
        self.snapshots = snapshots
        // The reconciler opens (or, for a mirror, creates) the repository first.
        let store = try runStore ?? FileRunStore(state: configuration.state)
        self.store = store
        engine = Engine(store: store, runners: runners ?? .standard(providers: providers, connections: connections), secrets: secrets,
                        workflows: DaemonWorkflowSource(snapshots: snapshots, repository: configuration.repository),
                        configuration: .init(maxConcurrentRuns: configuration.maxConcurrentRuns ?? RepositorySettings.defaultMaxConcurrentRuns),
                        logger: logger)
        approvals = ApprovalKeyring(state: configuration.state, publicURL: configuration.publicURL, shared: configuration.approvalKey)
        notifications = NotificationService(snapshots: snapshots, secrets: secrets, logger: logger, backoff: notificationBackoff)
        launcher = RunLauncher(engine: engine, store: store, snapshots: snapshots, notifications: notifications, keyring: approvals,
                               grace: grace, logger: logger)
        scheduler = ScheduleService(engine: engine, launcher: launcher, state: configuration.state, logger: logger)
        reconciler = try ReconcileService(configuration: configuration, snapshots: snapshots, scheduler: scheduler, engine: engine,
                                          store: store, secrets: secrets, providers: providers,
                                          connections: connections, logger: logger)
        writer = try WorkflowWriter(configuration: configuration, snapshots: snapshots, reconciler: reconciler, scheduler: scheduler, logger: logger)
        history = try HistoryService(configuration: configuration, snapshots: snapshots, writer: writer, logger: logger)
        drafts = try DraftService(configuration: configuration, snapshots: snapshots, writer: writer, notifications: notifications,
                                  keyring: approvals, providers: providers, secrets: secrets, logger: logger)
    }

    /// The services with a `run()`, in the order a `ServiceGroup` starts them: each one after
    /// what it calls (notifications, then the launcher that follows runs into them, the
    /// scheduler that starts runs through the launcher, the reconciler that hands the
    /// scheduler each snapshot). The group stops them in reverse: the reconciler first, the
    /// launcher stops the engine's runs within the grace period, notifications drain last.
    public var services: [any Service] { [notifications, launcher, scheduler, reconciler] }

    /// Restores the saved state, picks up unfinished runs, and reconciles the branch tip. A tip
    /// that can't be reconciled (or whose reconcile stopped the last daemon) doesn't stop the
    /// start: the last valid versions run and the commit is reported as invalid.
    /// - Throws: when the saved state can't be read, or the branch can't be.
    public func start(now: Date = Date()) async throws -> ReconcileReport {
        let saved = try DaemonState.load(from: configuration.state)
        await reconciler.restore(saved)
        await scheduler.restore(ScheduleLedger.load(state: configuration.state, saved: saved))
        await scheduler.save()
        // A mirror fetches first, so that it starts on the remote's tip (or, when the remote
        // can't be reached, on what it fetched before: fetchProblem says why).
        await reconciler.fetchIfDue(now: now)
        var report: ReconcileReport?
        do {
            report = try await reconciler.reconcile(now: now)
        } catch is ReconcileFailure {
            // Recorded as the invalid commit, logged below; the last valid versions run.
        }
        if report == nil { await reconciler.activateRestored(now: now) }
        if let invalid = snapshot.invalidCommit {
            logger.problem("commit \(invalid.commit.prefix(7)) is not activated: \(invalid.problem)", [LogKey.commit: .string(invalid.commit)])
        }
        for problem in snapshot.runtimeProblems { logger.problem(problem) }
        // What a recovered run recorded before was notified then.
        var notified: [String: Int] = [:]
        for record in await store.unfinished() { notified[record.id] = record.lastEventID }
        for runID in await engine.recover() { launcher.follow(runID, after: notified[runID] ?? 0, resumed: true) }
        return report ?? ReconcileReport()
    }

    /// The last snapshot of the registry (never waits on a reconcile).
    public var snapshot: WorkflowSnapshot { snapshots.current }

    /// The workflows, by id, as of the last snapshot.
    public var workflows: [String: WorkflowEntry] { snapshots.current.workflows }

    /// The commit the daemon runs, as of the last snapshot.
    public var activeCommit: String? { snapshots.current.activeCommit }

    /// The settings in force (`runnel.yaml` at its last valid commit), as of the last snapshot.
    public var settings: RepositorySettings { snapshots.current.settings }

    /// The problems of `runnel.yaml` at the branch tip, as of the last snapshot.
    public var settingsProblems: [String] { snapshots.current.settingsProblems }

    /// Whether the daemon mirrors a remote (and refuses writes: they belong to the remote).
    public var isMirror: Bool { configuration.remote != nil }

    /// The name of the secret that signs `POST /hooks/git`, in mirror mode.
    public var gitHookSecret: String? { configuration.gitHookSecret }

    /// The branch the daemon watches.
    public var branch: String { configuration.branch }

    /// The state folder (run records, schedule times, keys): where the API keeps its own small
    /// files, such as the webhook deliveries it has seen.
    public var stateFolder: String { configuration.state }
}
