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
        /// An unchanged file validated again: a workflow it refers to (or shares its id with) changed.
        case recheck(path: String, bytes: [UInt8])

        var path: String {
            switch self {
            case .upsert(let path, _, _, _), .delete(let path), .recheck(let path, _): path
            }
        }
    }

    /// The commit the registry reflects.
    public private(set) var activeCommit: String?
    /// The workflows by id.
    public private(set) var entries: [String: WorkflowEntry] = [:]
    /// The inputs that each workflow's newest file declares, for cross-file checks (kept
    /// up to date change by change: a reconcile doesn't rebuild it).
    private var known = WorkflowCatalog([])
    /// The workflows each workflow's newest file refers to (runs or chains after), by id.
    private var references: [String: Set<String>] = [:]
    /// The workflow files of the active commit by id (more than one: a duplicate id), kept
    /// change by change; nil until a reconcile listed the tree (after a restore).
    public private(set) var files: [String: [String]]?

    /// An empty registry (nothing active yet).
    public init() {}

    /// Restores an entry from persisted state: its last valid version and current errors.
    public mutating func restore(_ entry: WorkflowEntry, load: LoadResult?) {
        entries[entry.id] = entry
        if let load { known.add(load) }
        if let workflow = load?.workflow ?? entry.active?.workflow { references[entry.id] = workflow.referencedWorkflowIDs }
    }

    /// Sets the version number of workflow `id`'s active version.
    mutating func setVersion(_ number: Int?, of id: String) {
        entries[id]?.active?.version = number
    }

    /// The files of `id` in the active commit (one, or more for a duplicate id); nil when
    /// the registry has no index of files yet.
    public func files(of id: String) -> [String]? {
        files.map { $0[id] ?? [] }
    }

    /// Brings `index` forward with one change of a file.
    private static func move(_ change: Change, in index: inout [String: [String]]) {
        func remove(_ path: String) {
            let id = WorkflowID.from(path: path)
            index[id]?.removeAll { $0 == path }
            if index[id]?.isEmpty == true { index[id] = nil }
        }
        switch change {
        case .delete(let path): remove(path)
        case .upsert(let path, _, let renamedFrom, _):
            if let renamedFrom { remove(renamedFrom) }
            guard !WorkflowID.isTemplate(path: path) else { return }
            let id = WorkflowID.from(path: path)
            if index[id]?.contains(path) != true { index[id, default: []].append(path) }
        case .recheck: break
        }
    }

    /// Restores the commit the persisted entries reflect.
    public mutating func restore(activeCommit: String?) {
        self.activeCommit = activeCommit
    }

    /// The validation of a change to the registry's workflows: `written` files (loaded) and
    /// `deleted` ids, checked with all the others.
    public func validation(writing written: [LoadResult], deleting deleted: Set<String> = []) -> RepositoryValidation {
        var catalog = known
        for id in deleted { catalog.remove(id) }
        for result in written { catalog.add(result) }
        var byID = files ?? RepositoryValidation.index(entries.values.map(\.path))
        for id in deleted { byID[id] = nil }
        for result in written where !WorkflowID.isTemplate(path: result.path) { byID[WorkflowID.from(path: result.path)] = [result.path] }
        return RepositoryValidation(catalog: catalog, pathsByID: byID)
    }

    /// The workflows whose newest file refers to one of `ids` (runs it, chains after it), by id.
    public func dependents(of ids: Set<String>) -> [WorkflowEntry] {
        guard !ids.isEmpty else { return [] }
        return references.compactMap { id, targets in
            !ids.contains(id) && !targets.isDisjoint(with: ids) ? entries[id] : nil
        }.sorted { $0.id < $1.id }
    }

    /// Applies the changed files of `commit`, validating them (and the files rechecked) with
    /// the others through ``RepositoryValidation``, and moves the registry to `commit`.
    /// `paths` are the commit's workflow files (for ids that two files share), when the tree was
    /// listed; nil: the registry's index of files, brought forward with the changes.
    public mutating func apply(_ changes: [Change], at commit: String, paths: [String]? = nil) -> ReconcileReport {
        if let paths {
            files = RepositoryValidation.index(paths)
        } else {
            var index = files ?? RepositoryValidation.index(entries.values.map(\.path))
            for change in changes { Self.move(change, in: &index) }
            files = index
        }
        var report = ReconcileReport()
        var loaded: [LoadResult] = []
        var rechecked: Set<String> = []
        for change in changes {
            switch change {
            case .delete(let path):
                let id = WorkflowID.from(path: path)
                // Only when the entry still has this path (`a.yml` deleted beside a new `a.yaml`).
                if entries[id]?.path == path {
                    entries[id] = nil
                    known.remove(id)
                    references[id] = nil
                    report.deleted.append(id)
                }
            case .upsert(let path, let bytes, let renamedFrom, let isSymlink):
                let id = WorkflowID.from(path: path)
                if let old = renamedFrom.map(WorkflowID.from(path:)), old != id, var moved = entries.removeValue(forKey: old) {
                    known.remove(old)
                    references[old] = nil
                    moved.id = id
                    moved.path = path
                    entries[id] = moved
                    report.renamed.append(.init(from: old, to: id))
                }
                loaded.append(isSymlink ? WorkflowLoader.symlink(path: path) : WorkflowLoader.load(path: path, bytes: bytes))
            case .recheck(let path, let bytes):
                rechecked.insert(path)
                loaded.append(WorkflowLoader.load(path: path, bytes: bytes))
            }
        }
        for result in loaded {
            known.add(result)
            references[WorkflowID.from(path: result.path)] = result.workflow?.referencedWorkflowIDs ?? []
        }
        let validation = RepositoryValidation(catalog: known, pathsByID: files ?? [:])
        let errorsByPath = Dictionary(grouping: validation.problems(of: loaded).filter { $0.severity == .error }, by: \.file)
        for result in loaded {
            let id = WorkflowID.from(path: result.path)
            let errors = errorsByPath[result.path] ?? []
            var entry = entries[id] ?? WorkflowEntry(id: id, path: result.path, active: nil, errors: [])
            let recheck = rechecked.contains(result.path)
            // A file read again that was and stays valid: nothing changes.
            if recheck, errors.isEmpty, entry.errors.isEmpty, entry.active != nil { continue }
            entry.path = result.path
            if errors.isEmpty, let workflow = result.workflow {
                entry.active = ActiveVersion(workflow: workflow, commit: commit, path: result.path, version: recheck ? entry.active?.version : nil)
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
