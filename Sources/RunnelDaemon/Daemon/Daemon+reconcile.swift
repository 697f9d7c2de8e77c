public import Foundation
import RunnelCore
import RunnelGit

extension Daemon {
    /// Restores the saved state, picks up unfinished runs, and reconciles the branch tip. A tip
    /// that can't be reconciled (or whose reconcile stopped the last daemon) doesn't stop the
    /// start: the last valid versions run and the commit is reported as invalid.
    /// - Throws: when the saved state can't be read, or the branch can't be.
    public func start(now: Date = Date()) async throws -> ReconcileReport {
        let saved = try DaemonState.load(from: configuration.state)
        restore(saved)
        // The settings in force: runnel.yaml at its last valid commit (a new tip's replace them
        // only when they are valid).
        restoreSettings()
        scheduler = SchedulerStateMachine(handledThrough: Dictionary(uniqueKeysWithValues: saved.schedules.compactMap { key, date in
            Self.scheduleKey(key).map { ($0, date) }
        }))
        // A reconcile that was under way when the last daemon ended never finished: its commit
        // (a trap while reading it, or a kill) is not tried again.
        if let stuck = ReconcileMarker.read(state: configuration.state) {
            invalidCommit = .init(commit: stuck, problem: "its reconcile did not finish (the daemon stopped during it); the last valid versions run")
            ReconcileMarker.clear(state: configuration.state)
        }
        // A mirror fetches first, so that it starts on the remote's tip (or, when the remote
        // can't be reached, on what it fetched before: fetchProblem says why).
        _ = await fetchIfDue(now: now)
        var report: ReconcileReport?
        do {
            report = try await reconcile(now: now)
        } catch is ReconcileFailure {
            // Recorded as the invalid commit, reported below; the last valid versions run.
        }
        if report == nil {
            // No new commit: the restored entries still need what a reconcile sets up.
            await applyLimits()
            syncSchedules(now: now)
            indexTriggers()
            publish()
        }
        if let invalidCommit {
            loopProblems.add("commit \(invalidCommit.commit.prefix(7)) is not activated: \(invalidCommit.problem)")
        }
        for problem in snapshot.runtimeProblems { loopProblems.add(problem) }
        // What a recovered run recorded before was notified then.
        var notified: [String: Int] = [:]
        for record in await store.unfinished() { notified[record.id] = record.lastEventID }
        for runID in await engine.recover() { follow(runID, after: notified[runID] ?? 0, resumed: true) }
        return report ?? ReconcileReport()
    }

    /// Reconciles the branch tip when it moved; `nil` when it didn't (or it is a commit that
    /// could not be reconciled before). One reconcile runs at a time; the parsing and
    /// validation happen off the actor, so that the daemon answers meanwhile.
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
        return try await reconcileTip(now: now)
    }

    private func reconcileTip(now: Date) async throws -> ReconcileReport? {
        // A branch with no commit yet (a new bare repository) has nothing to run.
        guard let tip = try repository.branchTip(configuration.branch) else { return nil }
        if registry.activeCommit == tip.hex || invalidCommit?.commit == tip.hex { return nil }
        let clock = ContinuousClock()
        let began = clock.now
        defer { reconcileDurations.observe((clock.now - began).seconds) }
        try ReconcileMarker.begin(tip.hex, state: configuration.state)
        snapshots.update { $0.reconciling = tip.hex }
        let job = ReconcileJob(repository: configuration.repository, state: configuration.state, branch: configuration.branch,
                               registry: registry, tip: tip)
        let result = await Task.detached { () -> Result<ReconcileJob.Outcome, GitError> in
            do throws(GitError) { return .success(try job.run()) } catch { return .failure(error) }
        }.value
        ReconcileMarker.clear(state: configuration.state)
        let outcome: ReconcileJob.Outcome
        switch result {
        case .failure(let error):
            invalidCommit = .init(commit: tip.hex, problem: "cannot reconcile it: \(error.message); the last valid versions run")
            publish()
            try save()
            throw ReconcileFailure(commit: tip.hex, message: error.message)
        case .success(let done):
            outcome = done
        }
        invalidCommit = nil
        registry = outcome.registry
        for problem in outcome.problems { loopProblems.add(problem) }
        let zone = settings.timezone
        settingsProblems = outcome.settingsProblems
        if let valid = outcome.settings {
            settingsCommit = tip.hex
            apply(valid)
        }
        await applyLimits()
        for rename in outcome.report.renamed { scheduler.renameWorkflow(from: rename.from, to: rename.to, now: now) }
        // Only the changed workflows' schedules, unless the default time zone changed.
        let report = outcome.report
        let changed = Set(report.activated + report.deleted + report.renamed.flatMap { [$0.from, $0.to] })
        syncSchedules(now: now, only: schedulesSynced && settings.timezone == zone ? changed : nil)
        indexTriggers()
        publish()
        try save()
        return report
    }

    /// Reads `runnel.yaml` at the commit it was last valid at (after a restart).
    func restoreSettings() {
        guard let hex = settingsCommit, let commit = ObjectID(hex: hex) else { return apply(RepositorySettings()) }
        do {
            let text = try repository.file(at: "runnel.yaml", in: commit).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let (parsed, problems) = RepositorySettings.parse(text)
            apply(problems.isEmpty ? parsed : RepositorySettings())
        } catch {
            loopProblems.add("cannot read runnel.yaml at \(commit.short): \(error.message) (the default settings apply)")
            apply(RepositorySettings())
        }
    }

    /// Puts `settings` in force: notification targets, model providers, mail.
    func apply(_ settings: RepositorySettings) {
        self.settings = settings
        notifier = Notifier(targets: settings.notify, secrets: secrets)
        var catalog = settings.providers
        catalog.retry = providers.catalog.retry
        providers.update(catalog)
        connections.update(settings.connections)
        let problems = loopProblems
        let wakeup = wakeup
        mailer = settings.smtp.map {
            ApprovalMailer(smtp: $0, secrets: secrets, failed: { problem in
                problems.add(problem)
                Task { await wakeup.signal() }
            })
        }
    }

    /// Publishes the registry as it is now as the new snapshot.
    func publish() {
        var snapshot = WorkflowSnapshot()
        snapshot.activeCommit = registry.activeCommit
        snapshot.workflows = registry.entries
        snapshot.settings = settings
        snapshot.settingsProblems = settingsProblems
        snapshot.invalidCommit = invalidCommit
        snapshot.runtimeProblems = undefinedSecrets()
        snapshots.publish(snapshot)
    }

    /// The webhooks (and the push hook) whose secret is not defined: each answers 401 to everything.
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
        for entry in registry.entries.values.sorted(by: { $0.id < $1.id }) where entry.isRunnable {
            for binding in entry.active?.workflow.connections ?? [] where settings.connections.connection(binding.connection.value) == nil {
                problems.append("workflow \(entry.id) binds toolkit '\(binding.toolkit.value)' to connection '\(binding.connection.value)', which runnel.yaml does not declare")
            }
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
