import Foundation
import Logging
import RunnelCore
import RunnelGit

extension ReconcileService {
    /// Restores the saved registry and settings, and the commit whose reconcile never
    /// finished (a trap while reading it, or a kill): it is not tried again.
    func restore(_ saved: DaemonState) {
        for item in saved.workflows {
            var entry = WorkflowEntry(id: item.id, path: item.path, active: nil, errors: item.errors.map(\.diagnostic))
            var load: LoadResult?
            if let commit = item.validCommit, let id = ObjectID(hex: commit) {
                let path = item.validPath ?? item.path
                do {
                    if let bytes = try repository.file(at: path, in: id) {
                        load = WorkflowLoader.load(path: path, bytes: bytes)
                        if let workflow = load?.workflow {
                            entry.active = ActiveVersion(workflow: workflow, commit: commit, path: path, version: item.validVersion)
                        }
                    }
                } catch {
                    logger.problem("cannot read the last valid version of \(item.id) (\(path) at \(id.short)): \(error.message)",
                                   [LogKey.workflowID: .string(item.id)])
                }
            }
            registry.restore(entry, load: load)
        }
        registry.restore(activeCommit: saved.activeCommit)
        // State written before settings were tracked: runnel.yaml was read at the active commit.
        settingsCommit = saved.settingsCommit ?? ((saved.settingsProblems ?? []).isEmpty ? saved.activeCommit : nil)
        settingsProblems = saved.settingsProblems ?? []
        invalidCommit = saved.invalidCommit.map { .init(commit: $0.commit, problem: $0.problem) }
        restoreSettings()
        if let stuck = ReconcileMarker.read(state: configuration.state) {
            invalidCommit = .init(commit: stuck, problem: "its reconcile did not finish (the daemon stopped during it); the last valid versions run")
            ReconcileMarker.clear(state: configuration.state, logger: logger)
        }
    }

    /// Reads `runnel.yaml` at the commit it was last valid at (after a restart).
    private func restoreSettings() {
        guard let hex = settingsCommit, let commit = ObjectID(hex: hex) else { return apply(RepositorySettings()) }
        do {
            let text = try repository.file(at: "runnel.yaml", in: commit).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let (parsed, problems) = RepositorySettings.parse(text)
            apply(problems.isEmpty ? parsed : RepositorySettings())
        } catch {
            logger.problem("cannot read runnel.yaml at \(commit.short): \(error.message) (the default settings apply)")
            apply(RepositorySettings())
        }
    }

    /// At the start, after a reconcile that found nothing new: the restored entries get what a
    /// reconcile sets up (limits, schedules, the snapshot), and their commit is logged.
    func activateRestored(now: Date) async {
        await applyLimits()
        let snapshot = publish(changed: nil)
        await scheduler.sync(snapshot, changed: nil, now: now)
        if let commit = registry.activeCommit { logReconciled(commit, ReconcileReport()) }
        else { for problem in settingsProblems { logger.log(.settingsProblem, .error, [LogKey.problem: .string(problem)]) } }
    }

    /// Saves the registry and the problems, for a restart and for `runnel status`; the items
    /// of the workflows not in `changed` are written as they were serialized before (nil:
    /// every item is serialized again).
    func save(changed: Set<String>? = nil) throws {
        if let changed, savedItemsComplete {
            for id in changed { savedItems[id] = registry.entries[id].map { DaemonState.item($0).serialized() } }
        } else {
            savedItems = registry.entries.mapValues { DaemonState.item($0).serialized() }
            savedItemsComplete = true
        }
        var state = DaemonState(activeCommit: registry.activeCommit)
        state.settingsProblems = settingsProblems
        state.settingsCommit = settingsCommit
        state.invalidCommit = invalidCommit.map { DaemonState.InvalidCommit(commit: $0.commit, problem: $0.problem) }
        state.runtimeProblems = snapshots.current.runtimeProblems
        try state.save(to: configuration.state, workflowItems: savedItems.values)
    }

    /// Saves at the stop (a failure is logged: the next start reconciles from the last save),
    /// with the history index kept in memory.
    func saveAtStop() {
        do { try save() } catch { logger.problem("cannot save the daemon's state at the stop: \(error)") }
        if let history, reconcilesSinceHistorySave > 0 {
            HistoryIndexer(repository: repository, stateDirectory: configuration.state + "/history").save(history)
        }
    }
}
