public import RunnelCore
import RunnelGit

extension WorkflowWriter {
    /// What the registry says of a proposed change: the problems of the file written, and
    /// those of the workflows that depend on what changes and would break.
    public struct ChangeCheck: Sendable {
        /// The problems of the file written (none for a delete).
        public var diagnostics: [Diagnostic] = []
        /// The problems the change gives the workflows that depend on it.
        public var broken: [Diagnostic] = []

        /// The ids of the workflows the change breaks.
        public var brokenIDs: [String] { Array(Set(broken.map { WorkflowID.from(path: $0.file) })).sorted() }
        /// Every problem: the file's, then the dependents'.
        public var all: [Diagnostic] { diagnostics + broken }
        /// Whether the change may be committed.
        public var isValid: Bool { !all.contains { $0.severity == .error } }
    }

    /// Validates `yaml` as the file of workflow `id` (its current file, else `workflows/<id>.yaml`)
    /// with the active workflows: what `POST /api/workflows/validate`, create, update and the
    /// reconcile of the commit would say (one path, ``RepositoryValidation``).
    public func check(writing yaml: String, as id: String) -> ChangeCheck {
        let path = snapshots.current.workflows[id]?.path ?? "workflows/\(id).yaml"
        let result = WorkflowLoader.load(path: path, text: yaml)
        var validation = snapshots.current.registry.validation(writing: [result])
        validation.catalog?.connections = snapshots.current.settings.connections.names
        var check = ChangeCheck(diagnostics: validation.problems(of: [result]))
        check.broken = validation.broken(dependentFiles(of: id))
        return check
    }

    /// What deleting workflow `id` breaks.
    public func check(deleting id: String) -> ChangeCheck {
        ChangeCheck(broken: snapshots.current.registry.validation(writing: [], deleting: [id]).broken(dependentFiles(of: id)))
    }

    /// The newest files of the workflows that refer to `id`, read at the active commit.
    private func dependentFiles(of id: String) -> [LoadResult] {
        guard let commit = snapshots.current.activeCommit.flatMap(ObjectID.init(hex:)) else { return [] }
        return snapshots.current.registry.dependents(of: [id]).compactMap { entry -> LoadResult? in
            do throws(GitError) {
                guard let bytes = try repository.file(at: entry.path, in: commit) else { return nil }
                return WorkflowLoader.load(path: entry.path, bytes: bytes)
            } catch {
                logger.problem("cannot read \(entry.path) at \(commit.short) to check what depends on \(id): \(error.message)")
                return nil
            }
        }
    }

    /// The refusal of a change that doesn't validate, or that breaks workflows depending on it.
    static func refusal(_ check: ChangeCheck, _ what: String) -> WriteError? {
        let errors = check.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            return WriteError(kind: .invalid, description: "the definition is not a valid workflow", diagnostics: errors.map(\.description))
        }
        guard !check.broken.isEmpty else { return nil }
        return WriteError(kind: .invalid, description: "\(what) breaks the workflows that depend on it: \(check.brokenIDs.joined(separator: ", "))",
                          diagnostics: check.broken.map(\.description))
    }
}
