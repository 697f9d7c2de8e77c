public import Foundation
import Logging
import RunnelCore
import RunnelEngine
import RunnelGit

extension ReconcileService {
    /// Reconciles the branch tip when it moved; `nil` when it didn't (or it is a commit that
    /// could not be reconciled before). One reconcile runs at a time; the parsing and
    /// validation happen off the actor, so that the service answers meanwhile. A new commit
    /// is logged (`commit reconciled`), with the problems of its `runnel.yaml`.
    /// - Throws: when the branch can't be read, or the tip's reconcile failed (the commit is
    ///   then recorded as invalid and the last valid versions keep running).
    public func reconcile(now: Date = Date()) async throws -> ReconcileReport? {
        while reconcileInProgress { await withCheckedContinuation { reconcileWaiters.append($0) } }
        reconcileInProgress = true
        defer {
            reconcileInProgress = false
            let waiters = reconcileWaiters
            reconcileWaiters = []
            for waiter in waiters { waiter.resume() }
        }
        guard let report = try await reconcileTip(now: now) else { return nil }
        if let commit = registry.activeCommit { logReconciled(commit, report) }
        return report
    }

    /// Logs the reconcile of `commit` and the problems of `runnel.yaml`.
    func logReconciled(_ commit: String, _ report: ReconcileReport) {
        logger.log(.reconciled, .info, report.metadata(commit: commit))
        for problem in settingsProblems { logger.log(.settingsProblem, .error, [LogKey.problem: .string(problem)]) }
    }

    private func reconcileTip(now: Date) async throws -> ReconcileReport? {
        // A branch with no commit yet (a new bare repository) has nothing to run.
        let read = try repository.branchTip(configuration.branch)
        guard case .reconcile = ReconcileStateMachine.decide(tip: read?.hex, active: registry.activeCommit, refused: invalidCommit?.commit),
              let tip = read else { return nil }
        let clock = ContinuousClock()
        let began = clock.now
        defer { engine.metrics.recordReconcile(seconds: (clock.now - began).seconds) }
        try ReconcileMarker.begin(tip.hex, state: configuration.state)
        snapshots.update { $0.reconciling = tip.hex }
        let savingHistory = history == nil || reconcilesSinceHistorySave + 1 >= Self.historySaveInterval
        let job = ReconcileJob(repository: configuration.repository, state: configuration.state, branch: configuration.branch,
                               registry: registry, tip: tip, history: history, savingHistory: savingHistory)
        let result = await Task.detached { () -> Result<ReconcileJob.Outcome, GitError> in
            do throws(GitError) { return .success(try job.run()) } catch { return .failure(error) }
        }.value
        ReconcileMarker.clear(state: configuration.state, logger: logger)
        let outcome: ReconcileJob.Outcome
        switch result {
        case .failure(let error):
            invalidCommit = .init(commit: tip.hex, problem: "cannot reconcile it: \(error.message); the last valid versions run")
            publish(changed: [])
            try save(changed: [])
            throw ReconcileFailure(commit: tip.hex, message: error.message)
        case .success(let done):
            outcome = done
        }
        invalidCommit = nil
        registry = outcome.registry
        if let index = outcome.history {
            history = index
            reconcilesSinceHistorySave = savingHistory ? 0 : reconcilesSinceHistorySave + 1
        }
        for problem in outcome.problems { logger.problem(problem, [LogKey.commit: .string(tip.hex)]) }
        let zone = settings.timezone
        settingsProblems = outcome.settingsProblems
        if let valid = outcome.settings {
            settingsCommit = tip.hex
            apply(valid)
        }
        await applyLimits()
        // Only the changed workflows' schedules, unless the default time zone changed.
        let report = outcome.report
        let changed = Set(report.activated + report.deleted + report.renamed.flatMap { [$0.from, $0.to] })
        let snapshot = publish(changed: changed)
        await scheduler.sync(snapshot, changed: settings.timezone == zone ? changed : nil, renamed: report.renamed, now: now)
        try save(changed: changed.union(report.keptPrevious).union(report.invalid))
        return report
    }

    /// The global run limit: the configured one, else `runnel.yaml`'s.
    func applyLimits() async {
        guard configuration.maxConcurrentRuns == nil else { return }
        await engine.setMaxConcurrentRuns(settings.maxConcurrentRuns ?? RepositorySettings.defaultMaxConcurrentRuns)
    }

    /// Puts `settings` in force: the snapshot carries them to the notifications and the
    /// scheduler; the model providers are shared with the agent steps.
    func apply(_ settings: RepositorySettings) {
        self.settings = settings
        var catalog = settings.providers
        catalog.retry = providers.catalog.retry
        providers.update(catalog)
        connections.update(settings.connections)
    }

    /// Publishes the registry as it is now as the new snapshot; `changed` are the workflows
    /// whose active version changed since the last one (nil: any).
    @discardableResult
    func publish(changed: Set<String>?) -> WorkflowSnapshot {
        triggerIndex.update(changed, in: registry.entries)
        var snapshot = WorkflowSnapshot()
        snapshot.activeCommit = registry.activeCommit
        snapshot.workflows = registry.entries
        snapshot.registry = registry
        snapshot.settings = settings
        snapshot.settingsProblems = settingsProblems
        snapshot.invalidCommit = invalidCommit
        snapshot.runtimeProblems = undefinedSecrets()
        snapshot.eventWorkflows = Array(triggerIndex.events)
        snapshot.chainWorkflows = Array(triggerIndex.chains)
        snapshots.publish(snapshot)
        return snapshot
    }

    /// The webhooks (and the push hook) whose secret is not defined, each answering 401 to everything;
    /// connections with an undefined secret, and bindings to connections `runnel.yaml` does not declare.
    func undefinedSecrets() -> [String] {
        var problems: [String] = []
        if let name = configuration.gitHookSecret, secrets.value(named: name) == nil {
            problems.append("the push hook's secret \(name) is not defined: POST /hooks/git answers 401 until it is")
        }
        for connection in settings.connections.connections {
            for name in connection.undefinedSecrets(in: secrets) {
                problems.append("connection '\(connection.name)': its secret \(name) is not defined: requests through it fail until it is")
            }
        }
        let bound = registry.entries.values.filter { $0.isRunnable && !($0.active?.workflow.connections ?? []).isEmpty }
        for entry in bound.sorted(by: { $0.id < $1.id }) {
            for binding in entry.active?.workflow.connections ?? [] where settings.connections.connection(binding.connection.value) == nil {
                problems.append("workflow \(entry.id) binds toolkit '\(binding.toolkit.value)' to connection '\(binding.connection.value)', which runnel.yaml does not declare")
            }
        }
        for id in triggerIndex.signedHooks.sorted() {
            guard let entry = registry.entries[id] else { continue }
            for hook in entry.active?.workflow.triggers.webhooks ?? [] {
                guard let name = hook.secret?.value, secrets.value(named: name) == nil else { continue }
                problems.append("webhook '\(hook.id.value)' of \(entry.id): its secret \(name) is not defined: POST /hooks/\(entry.id)/\(hook.id.value) answers 401 until it is")
            }
        }
        return problems
    }
}

/// A commit the daemon could not reconcile (it keeps the last valid versions).
public struct ReconcileFailure: Error, CustomStringConvertible, Sendable {
    /// The commit.
    public var commit: String
    /// What failed.
    public var message: String

    public var description: String { "commit \(commit.prefix(7)) is not activated: cannot reconcile it: \(message); the last valid versions run" }
}
