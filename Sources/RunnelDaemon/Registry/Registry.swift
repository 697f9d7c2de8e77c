public import RunnelCore

/// The workflows of the watched branch as the daemon runs them: for each one its last valid
/// version and the errors of its newest file. ``apply(_:at:)`` takes only the files that
/// changed between the active commit and a new one; an invalid file never replaces a valid
/// version.
public struct Registry: Sendable {
    /// One changed file between two commits.
    public enum Change: Sendable {
        /// A file added or modified (after a rename, `renamedFrom` is its old path); a
        /// symbolic link is not read (its `symlink` error is the file's result).
        case upsert(path: String, bytes: [UInt8], renamedFrom: String?, isSymlink: Bool = false)
        /// A file deleted.
        case delete(path: String)
    }

    /// The commit the registry reflects.
    public private(set) var activeCommit: String?
    /// The workflows by id.
    public private(set) var entries: [String: WorkflowEntry] = [:]
    /// The inputs that each workflow's newest file declares, for cross-file checks (kept
    /// up to date change by change: a reconcile doesn't rebuild it).
    private var known = WorkflowCatalog([])

    /// An empty registry (nothing active yet).
    public init() {}

    /// Restores an entry from persisted state: its last valid version and current errors.
    public mutating func restore(_ entry: WorkflowEntry, load: LoadResult?) {
        entries[entry.id] = entry
        if let load { known.add(load) }
    }

    /// Sets the version number of workflow `id`'s active version.
    mutating func setVersion(_ number: Int?, of id: String) {
        entries[id]?.active?.version = number
    }

    /// Restores the commit the persisted entries reflect.
    public mutating func restore(activeCommit: String?) {
        self.activeCommit = activeCommit
    }

    /// The other workflows, for the cross-file checks of `result` (a file about to be written).
    public func catalog(with result: LoadResult) -> WorkflowCatalog {
        var catalog = known
        catalog.add(result)
        return catalog
    }

    /// Applies the changed files of `commit`, validating the changed files together with
    /// the others (the cross-file checks), and moves the registry to `commit`.
    public mutating func apply(_ changes: [Change], at commit: String) -> ReconcileReport {
        var report = ReconcileReport()
        var loaded: [LoadResult] = []
        for change in changes {
            switch change {
            case .delete(let path):
                let id = WorkflowID.from(path: path)
                // Only when the entry still has this path (`a.yml` deleted beside a new `a.yaml`).
                if entries[id]?.path == path {
                    entries[id] = nil
                    known.remove(id)
                    report.deleted.append(id)
                }
            case .upsert(let path, let bytes, let renamedFrom, let isSymlink):
                let id = WorkflowID.from(path: path)
                if let old = renamedFrom.map(WorkflowID.from(path:)), old != id, var moved = entries.removeValue(forKey: old) {
                    known.remove(old)
                    moved.id = id
                    moved.path = path
                    entries[id] = moved
                    report.renamed.append(.init(from: old, to: id))
                }
                loaded.append(isSymlink ? WorkflowLoader.symlink(path: path) : WorkflowLoader.load(path: path, bytes: bytes))
            }
        }
        for result in loaded { known.add(result) }
        let diagnostics = Validator.validate(loaded, knownWorkflows: known)
        let errorsByPath = Dictionary(grouping: diagnostics.filter { $0.severity == .error }, by: \.file)
        for result in loaded {
            let id = WorkflowID.from(path: result.path)
            let errors = errorsByPath[result.path] ?? []
            var entry = entries[id] ?? WorkflowEntry(id: id, path: result.path, active: nil, errors: [])
            entry.path = result.path
            if errors.isEmpty, let workflow = result.workflow {
                entry.active = ActiveVersion(workflow: workflow, commit: commit, path: result.path)
                entry.errors = []
                report.activated.append(id)
            } else {
                entry.errors = errors
                if entry.active != nil { report.keptPrevious.append(id) } else { report.invalid.append(id) }
            }
            entries[id] = entry
        }
        activeCommit = commit
        return report
    }
}
