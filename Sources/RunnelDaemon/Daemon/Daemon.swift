public import Foundation
public import RunnelCore
public import RunnelEngine
import RunnelGit

/// Turns a git branch into running automation: reconciles each new commit of the branch
/// into the registry of last valid versions, keeps the scheduler's timers in step with it,
/// fires due schedules, routes events, webhooks and finished runs to their triggers, and
/// persists its state so a restart fires nothing twice and loses nothing.
public actor Daemon {
    /// The engine that runs the workflows.
    public nonisolated let engine: Engine
    /// The run store.
    public nonisolated let store: FileRunStore
    /// Secret values by name (webhook secrets, steps).
    public nonisolated let secrets: any SecretStore

    let configuration: DaemonConfiguration
    /// The daemon's own repository handle (a `GitRepository` is not `Sendable`: the reconcile
    /// job, the engine's source and the fetch open handles of their own).
    let repository: GitRepository
    /// The last registry snapshot, read by the API, the engine and `runnel status` without
    /// waiting on the actor.
    public nonisolated let snapshots = SnapshotPublisher()
    /// Wakes the loop early: a ref changed, a fetch was asked for, the task was cancelled.
    let wakeup = Wakeup()
    /// The registry being brought forward (the writer's copy; readers use ``snapshot``).
    var registry = Registry()
    var scheduler = SchedulerStateMachine()
    /// The workflows with event triggers and with `on.workflow` triggers (kept beside the
    /// registry so that an event or a finished run doesn't look at every workflow).
    var triggerIndex: (events: [String], chains: [String]) = ([], [])
    /// Whether every workflow's schedules were registered once (later reconciles sync only what changed).
    var schedulesSynced = false
    /// `runnel.yaml` as last valid (the defaults when it never was), and the tip's problems.
    public internal(set) var settings = RepositorySettings()
    public internal(set) var settingsProblems: [String] = []
    /// The commit whose `runnel.yaml` gave ``settings`` (nil: the defaults).
    var settingsCommit: String?
    /// A commit that could not be reconciled (it is skipped until the branch moves on).
    var invalidCommit: WorkflowSnapshot.InvalidCommit?
    /// Whether a reconcile is in progress, and who waits for it to end.
    var reconcileInProgress = false
    var reconcileWaiters: [CheckedContinuation<Void, Never>] = []
    var notifier: Notifier
    /// The model providers of `runnel.yaml` at the active commit, shared with the agent steps.
    public nonisolated let providers: ProviderCatalogBox
    /// The connections of `runnel.yaml` at the active commit, shared with the HTTP steps.
    public nonisolated let connections = ConnectionCatalogBox()
    /// Sends approval mail when `runnel.yaml` has `smtp:`.
    var mailer: ApprovalMailer?
    var cachedApprovalKey: ApprovalKey?
    /// Problems of background work (mail given up, chains stopped) since the loop last reported.
    let loopProblems = ActivityBox()
    /// Mirror mode: when the remote is fetched next, and whether a push hook asked for it sooner.
    var nextFetch = Date.distantPast
    var fetchRequested = false
    /// When `retention:` last pruned the run store (Daemon+retention.swift).
    var lastPrune: Date?
    /// How long each reconcile of a new commit took, in seconds (for `/metrics`).
    public internal(set) var reconcileDurations = Histogram()
    /// How late each fired schedule slot started, in seconds (for `/metrics`).
    public internal(set) var scheduleLateness = Histogram(bounds: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300])
    /// Mirror mode: the last fetch's problem, if it failed.
    public internal(set) var fetchProblem: String?

    /// Opens the repository and the run store.
    /// - Parameters:
    ///   - runners: The step runners (default: the standard ones, with agent steps using `providers`).
    ///   - providers: Where the providers of `runnel.yaml` are kept; each new commit's replace them.
    /// - Throws: when the repository can't be opened or the state folder can't be created.
    public init(_ configuration: DaemonConfiguration, secrets: any SecretStore, runners: StepRunners? = nil,
                providers: ProviderCatalogBox = ProviderCatalogBox()) throws {
        self.configuration = configuration
        self.providers = providers
        self.secrets = secrets
        notifier = Notifier(targets: [], secrets: secrets)
        repository = configuration.remote == nil
            ? try GitRepository(path: configuration.repository)
            : try GitRepository.openOrCreateBare(at: configuration.repository, branch: configuration.branch)
        store = try FileRunStore(state: configuration.state)
        engine = Engine(store: store, runners: runners ?? .standard(providers: providers, connections: connections), secrets: secrets,
                        workflows: DaemonWorkflowSource(snapshots: snapshots, repository: configuration.repository),
                        configuration: .init(maxConcurrentRuns: configuration.maxConcurrentRuns ?? RepositorySettings.defaultMaxConcurrentRuns))
    }

    func indexTriggers() {
        var events: [String] = [], chains: [String] = []
        for (id, entry) in registry.entries {
            guard let triggers = entry.active?.workflow.triggers else { continue }
            if !triggers.events.isEmpty { events.append(id) }
            if !triggers.workflows.isEmpty { chains.append(id) }
        }
        triggerIndex = (events, chains)
    }

    /// The key that signs approval links (`<state>/approval-key`, made on first use).
    /// - Throws: when the key file can't be read or created.
    public func approvalKey() throws(ApprovalKeyError) -> ApprovalKey {
        if let cachedApprovalKey { return cachedApprovalKey }
        let key = try ApprovalKey.load(state: configuration.state)
        cachedApprovalKey = key
        return key
    }

    /// Approve and reject links under the configured public URL.
    public func approvalLinks() throws(ApprovalKeyError) -> ApprovalLinks {
        ApprovalLinks(key: try approvalKey(), publicURL: configuration.publicURL)
    }

    /// The global run limit: the configured one, else `runnel.yaml`'s.
    func applyLimits() async {
        guard configuration.maxConcurrentRuns == nil else { return }
        await engine.setMaxConcurrentRuns(settings.maxConcurrentRuns ?? RepositorySettings.defaultMaxConcurrentRuns)
    }

    /// The last snapshot of the registry (never waits on a reconcile).
    public nonisolated var snapshot: WorkflowSnapshot { snapshots.current }

    /// The workflows, by id, as of the last snapshot.
    public nonisolated var workflows: [String: WorkflowEntry] { snapshots.current.workflows }

    /// The commit the daemon runs, as of the last snapshot.
    public nonisolated var activeCommit: String? { snapshots.current.activeCommit }

    /// When the scheduler next needs to run.
    public func nextWake() -> Date? { scheduler.nextWake() }

    static func scheduleKey(_ text: String) -> ScheduleKey? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        return ScheduleKey(workflowID: String(text[..<hash]), name: String(text[text.index(after: hash)...]))
    }
}
