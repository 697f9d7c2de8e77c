import RunnelCore
import RunnelGit

/// The work of one reconcile, done off the daemon's actor on a repository handle of its own
/// (a `GitRepository` is not `Sendable`): reads and validates the changed workflow files and
/// `runnel.yaml`, numbers the activated versions, and returns the new registry. The daemon
/// keeps answering from its last snapshot meanwhile.
struct ReconcileJob: Sendable {
    /// The repository's path (opened again here).
    var repository: String
    /// The state folder (for the history index).
    var state: String
    var branch: String
    /// The registry as it is before the reconcile (a copy: the daemon's is untouched until the end).
    var registry: Registry
    var tip: ObjectID
    /// The history index as the last reconcile left it (kept in memory between pushes; nil:
    /// read the stored one), and whether to write it to the state folder this time.
    var history: HistoryIndex?
    var savingHistory: Bool

    /// What the reconcile found.
    struct Outcome: Sendable {
        var registry: Registry
        var report: ReconcileReport
        /// `runnel.yaml` at the tip when it is valid (absent: the defaults); nil when it has problems.
        var settings: RepositorySettings?
        /// The problems of `runnel.yaml` at the tip.
        var settingsProblems: [String]
        /// Problems of the work around the reconcile (the history index), for the log.
        var problems: [String]
        /// The history index brought forward to the tip (nil when it could not be).
        var history: HistoryIndex? = nil
    }

    /// Runs the reconcile.
    /// - Throws: ``GitError`` when the repository, the commit or a changed file can't be read.
    func run() throws(GitError) -> Outcome {
        let git = try GitRepository(path: repository)
        var registry = self.registry
        let report = try Reconciler.reconcile(&registry, repository: git, to: tip)
        var problems: [String] = []
        var history: HistoryIndex?
        let numbered = report.activated + report.renamed.map(\.to)
        if !numbered.isEmpty {
            do {
                let index = try HistoryIndexer(repository: git, stateDirectory: state + "/history")
                    .index(line: branch, tip: tip, from: self.history, saving: savingHistory)
                history = index
                for id in numbered {
                    guard let path = registry.entries[id]?.active?.path else { continue }
                    registry.setVersion(index.versions(ofPath: path).last?.number, of: id)
                }
            } catch {
                problems.append("cannot number the versions of \(tip.short): \(error.message)")
            }
        }
        let text: String
        do {
            text = try git.file(at: "runnel.yaml", in: tip).map { String(decoding: $0, as: UTF8.self) } ?? ""
        } catch {
            return Outcome(registry: registry, report: report, settings: nil, settingsProblems: ["runnel.yaml: \(error.message)"],
                           problems: problems, history: history)
        }
        let (settings, settingsProblems) = RepositorySettings.parse(text)
        return Outcome(registry: registry, report: report, settings: settingsProblems.isEmpty ? settings : nil,
                       settingsProblems: settingsProblems, problems: problems, history: history)
    }
}
