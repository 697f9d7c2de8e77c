import Foundation
import RunnelCore
import RunnelGit

extension Daemon {
    /// Saves the registry, the schedules' progress and the problems, for a restart and for
    /// `runnel status`.
    func save() throws {
        var state = DaemonState(activeCommit: registry.activeCommit)
        state.workflows = registry.entries.values.sorted { $0.id < $1.id }.map { entry in
            DaemonState.Workflow(id: entry.id, path: entry.path, state: entry.state, validCommit: entry.active?.commit,
                                 validPath: entry.active?.path, validVersion: entry.active?.version,
                                 errors: entry.errors.map(DaemonState.Problem.init))
        }
        state.schedules = Dictionary(uniqueKeysWithValues: scheduler.handledThrough.map { ($0.key.description, $0.value) })
        state.settingsProblems = settingsProblems
        state.settingsCommit = settingsCommit
        state.invalidCommit = invalidCommit.map { DaemonState.InvalidCommit(commit: $0.commit, problem: $0.problem) }
        state.runtimeProblems = undefinedSecrets()
        try state.save(to: configuration.state)
    }

    /// Rebuilds the registry from saved state: each last valid version is read again from
    /// git at its commit.
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
                    loopProblems.add("cannot read the last valid version of \(item.id) (\(path) at \(id.short)): \(error.message)")
                }
            }
            registry.restore(entry, load: load)
        }
        registry.restore(activeCommit: saved.activeCommit)
        // State written before settings were tracked: runnel.yaml was read at the active commit.
        settingsCommit = saved.settingsCommit ?? ((saved.settingsProblems ?? []).isEmpty ? saved.activeCommit : nil)
        settingsProblems = saved.settingsProblems ?? []
        invalidCommit = saved.invalidCommit.map { .init(commit: $0.commit, problem: $0.problem) }
    }
}
