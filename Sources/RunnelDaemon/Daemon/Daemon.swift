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
    let repository: GitRepository
    let active = ActiveWorkflows()
    /// Wakes the loop early: a ref changed, a fetch was asked for, the task was cancelled.
    let wakeup = Wakeup()
    var registry = Registry()
    var scheduler = SchedulerStateMachine()
    /// The workflows with event triggers and with `on.workflow` triggers (kept beside the
    /// registry so that an event or a finished run doesn't look at every workflow).
    var triggerIndex: (events: [String], chains: [String]) = ([], [])
    /// Whether every workflow's schedules were registered once (later reconciles sync only what changed).
    var schedulesSynced = false
    /// `runnel.yaml` at the active commit, and its problems (a bad file counts as absent).
    public private(set) var settings = RepositorySettings()
    public private(set) var settingsProblems: [String] = []
    var notifier: Notifier
    /// The model providers of `runnel.yaml` at the active commit, shared with the agent steps.
    public nonisolated let providers: ProviderCatalogBox
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
    public private(set) var reconcileDurations = Histogram()
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
        engine = Engine(store: store, runners: runners ?? .standard(providers: providers), secrets: secrets,
                        workflows: DaemonWorkflowSource(active: active, repository: configuration.repository),
                        configuration: .init(maxConcurrentRuns: configuration.maxConcurrentRuns ?? RepositorySettings.defaultMaxConcurrentRuns))
    }

    /// Restores the saved state, picks up unfinished runs, and reconciles the branch tip.
    public func start(now: Date = Date()) async throws -> ReconcileReport {
        let saved = try DaemonState.load(from: configuration.state)
        restore(saved)
        scheduler = SchedulerStateMachine(handledThrough: Dictionary(uniqueKeysWithValues: saved.schedules.compactMap { key, date in
            Self.scheduleKey(key).map { ($0, date) }
        }))
        // A mirror fetches first, so that it starts on the remote's tip (or, when the remote
        // can't be reached, on what it fetched before: fetchProblem says why).
        _ = await fetchIfDue(now: now)
        let report = try await reconcile(now: now)
        if report == nil, let commit = registry.activeCommit.flatMap(ObjectID.init(hex:)) {
            // No new commit: the restored entries still need what a reconcile sets up.
            readSettings(at: commit)
            await applyLimits()
            syncSchedules(now: now)
            indexTriggers()
            await active.update(registry.entries)
        }
        // What a recovered run recorded before was notified then.
        var notified: [String: Int] = [:]
        for record in await store.unfinished() { notified[record.id] = record.lastEventID }
        for runID in await engine.recover() { follow(runID, after: notified[runID] ?? 0) }
        return report ?? ReconcileReport()
    }

    /// Reconciles the branch tip when it moved; `nil` when it didn't.
    public func reconcile(now: Date = Date()) async throws -> ReconcileReport? {
        // A branch with no commit yet (a new bare repository) has nothing to run.
        guard let tip = try repository.branchTip(configuration.branch) else { return nil }
        if registry.activeCommit == tip.hex { return nil }
        let clock = ContinuousClock()
        let began = clock.now
        defer { reconcileDurations.observe((clock.now - began).seconds) }
        let report = try Reconciler.reconcile(&registry, repository: repository, to: tip)
        let zone = settings.timezone
        readSettings(at: tip)
        await applyLimits()
        for rename in report.renamed { scheduler.renameWorkflow(from: rename.from, to: rename.to, now: now) }
        // Only the changed workflows' schedules, unless the default time zone changed.
        let changed = Set(report.activated + report.deleted + report.renamed.flatMap { [$0.from, $0.to] })
        syncSchedules(now: now, only: schedulesSynced && settings.timezone == zone ? changed : nil)
        indexTriggers()
        await active.update(registry.entries)
        try save()
        return report
    }

    /// Reads `runnel.yaml` at `commit` (absent: the defaults).
    func readSettings(at commit: ObjectID) {
        let text = (try? repository.file(at: "runnel.yaml", in: commit)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        (settings, settingsProblems) = RepositorySettings.parse(text)
        if !settingsProblems.isEmpty { settings = RepositorySettings() }
        notifier = Notifier(targets: settings.notify, secrets: secrets)
        var catalog = settings.providers
        catalog.retry = providers.catalog.retry
        providers.update(catalog)
        let problems = loopProblems
        let wakeup = wakeup
        mailer = settings.smtp.map {
            ApprovalMailer(smtp: $0, secrets: secrets, failed: { problem in
                problems.add(problem)
                Task { await wakeup.signal() }
            })
        }
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

    /// The workflows, by id.
    public var workflows: [String: WorkflowEntry] { registry.entries }

    /// The commit the daemon runs.
    public var activeCommit: String? { registry.activeCommit }

    /// When the scheduler next needs to run.
    public func nextWake() -> Date? { scheduler.nextWake() }

    func save() throws {
        var state = DaemonState(activeCommit: registry.activeCommit)
        state.workflows = registry.entries.values.sorted { $0.id < $1.id }.map { entry in
            DaemonState.Workflow(id: entry.id, path: entry.path, state: entry.state, validCommit: entry.active?.commit,
                                 validPath: entry.active?.path, errors: entry.errors.map(DaemonState.Problem.init))
        }
        state.schedules = Dictionary(uniqueKeysWithValues: scheduler.handledThrough.map { ($0.key.description, $0.value) })
        state.settingsProblems = settingsProblems
        try state.save(to: configuration.state)
    }

    /// Rebuilds the registry from saved state: each last valid version is read again from
    /// git at its commit.
    private func restore(_ saved: DaemonState) {
        for item in saved.workflows {
            var entry = WorkflowEntry(id: item.id, path: item.path, active: nil, errors: item.errors.map(\.diagnostic))
            var load: LoadResult?
            if let commit = item.validCommit, let id = ObjectID(hex: commit) {
                let path = item.validPath ?? item.path
                if let bytes = try? repository.file(at: path, in: id) {
                    load = WorkflowLoader.load(path: path, bytes: bytes)
                    if let workflow = load?.workflow { entry.active = ActiveVersion(workflow: workflow, commit: commit, path: path) }
                }
            }
            registry.restore(entry, load: load)
        }
        registry.restore(activeCommit: saved.activeCommit)
    }

    static func scheduleKey(_ text: String) -> ScheduleKey? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        return ScheduleKey(workflowID: String(text[..<hash]), name: String(text[text.index(after: hash)...]))
    }
}
