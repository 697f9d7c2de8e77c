public import RunnelCore

/// The pull-request check: every workflow file changed between two commits, validated as
/// it is at the head, with a one-line summary of its change.
public struct WorkflowCheck: Sendable {
    /// One changed workflow file.
    public struct Entry: Sendable {
        /// How the file changed (added, modified, deleted, renamed).
        public var change: TreeChange
        /// The one-line summary ("Added 1 step, changed the schedule").
        public var summary: String
        /// The problems of the file at the head (none for a deleted file).
        public var diagnostics: [Diagnostic]
        /// True for a workflow the change did not touch but breaks: it refers to a changed,
        /// renamed or deleted workflow in a way that is no longer valid.
        public var affected = false
        /// The number of errors.
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        /// The number of warnings.
        public var warnings: Int { diagnostics.count - errors }

        /// An entry for a changed file.
        public init(change: TreeChange, summary: String, diagnostics: [Diagnostic], affected: Bool = false) {
            self.change = change
            self.summary = summary
            self.diagnostics = diagnostics
            self.affected = affected
        }
    }

    /// The commit compared against (the merge base of the base revision and the head).
    public var base: ObjectID
    /// The head commit.
    public var head: ObjectID
    /// The changed workflow files, sorted by path.
    public var entries: [Entry]

    /// Whether any changed workflow has an error.
    public var failing: Bool { entries.contains { $0.errors > 0 } }

    /// Runs the check.
    /// - Parameters:
    ///   - repository: The repository.
    ///   - base: The target commit; the check compares `head` with its merge base with it.
    ///   - head: The commit under review.
    public static func run(_ repository: GitRepository, base: ObjectID, head: ObjectID) throws(GitError) -> WorkflowCheck {
        let since = try repository.mergeBase(base, head) ?? base
        let changes = try repository.changes(from: since, to: head, under: "workflows").filter { WorkflowFile.isWorkflow($0.oldPath) || WorkflowFile.isWorkflow($0.newPath) }
        let (oldLinks, links) = (try repository.symlinks(in: since, under: "workflows"), try repository.symlinks(in: head, under: "workflows"))
        // The blobs are read here (one repository handle), then parsed on every core.
        var blobs: [(path: String, bytes: [UInt8])] = []
        var plan: [(change: TreeChange, old: Int?, new: Int?, link: LoadResult?)] = []
        for change in changes {
            var old: Int?
            if let id = change.oldBlob, let path = change.oldPath, WorkflowFile.isWorkflow(path), change.kind != .added, !oldLinks.contains(path) {
                old = blobs.count
                blobs.append((path, try repository.blob(id, path: path)))
            }
            var new: Int?
            var link: LoadResult?
            if let path = change.newPath, WorkflowFile.isWorkflow(path), let blob = change.newBlob {
                // A link is never parsed: its blob holds the target's path, not YAML.
                if links.contains(path) {
                    link = WorkflowLoader.symlink(path: path)
                } else {
                    new = blobs.count
                    blobs.append((path, try repository.blob(blob, path: path)))
                }
            }
            plan.append((change, old, new, link))
        }
        let parsed = WorkflowLoader.loadAll(blobs)
        let loaded = plan.map { item in (item.change, item.link ?? item.new.map { parsed[$0] }, item.old.map { parsed[$0] }) }
        let results = loaded.compactMap(\.1)
        let catalog = try catalog(repository, at: head, changed: results)
        // The repository's one validation path, over every changed file at once; two files at
        // head with one id (`a.yaml` and `a.yml`): each changed one says so.
        let validation = RepositoryValidation(catalog: catalog,
                                              paths: try repository.files(in: head, under: "workflows").map(\.path).filter { WorkflowFile.isWorkflow($0) })
        let problems = Dictionary(grouping: validation.problems(of: results), by: \.file)
        var entries: [Entry] = []
        for (change, result, old) in loaded {
            guard let result else {
                entries.append(Entry(change: change, summary: WorkflowFile.isWorkflow(change.newPath) ? "Not a workflow file" : "Deleted the workflow", diagnostics: []))
                continue
            }
            let summary = result.workflow == nil ? "Not a parsable workflow"
                : ChangeSummary.describe(from: old?.workflow?.definition, to: result.workflow?.definition)
            entries.append(Entry(change: change, summary: summary, diagnostics: problems[result.path] ?? []))
        }
        entries += try affected(repository, at: head, by: changes, validation: validation)
        return WorkflowCheck(base: since, head: head, entries: entries)
    }

    /// Unchanged workflows at `head` that mention a changed workflow's id (a `workflow` step,
    /// an `on.workflow` trigger) and whose references are no longer valid.
    private static func affected(_ repository: GitRepository, at head: ObjectID, by changes: [TreeChange],
                                 validation: RepositoryValidation) throws(GitError) -> [Entry] {
        let changedPaths = Set(changes.flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } })
        let ids = Set(changedPaths.filter { WorkflowFile.isWorkflow($0) }.map(WorkflowID.from(path:)))
        guard !ids.isEmpty else { return [] }
        var candidates: [(file: TreeFile, bytes: [UInt8])] = []
        for file in try repository.files(in: head, under: "workflows") where WorkflowFile.isWorkflow(file.path) && !changedPaths.contains(file.path) {
            if file.isSymlink { continue }
            let bytes = try repository.blob(file.blob, path: file.path)
            let text = String(decoding: bytes, as: UTF8.self)
            if ids.contains(where: { text.contains($0) }) { candidates.append((file, bytes)) }
        }
        let parsed = WorkflowLoader.loadAll(candidates.map { ($0.file.path, $0.bytes) })
        var entries: [Entry] = []
        for (candidate, result) in zip(candidates, parsed) {
            let problems = validation.broken([result])
            guard !problems.isEmpty else { continue }
            let file = candidate.file
            let change = TreeChange(kind: .modified, oldPath: file.path, newPath: file.path, oldBlob: file.blob, newBlob: file.blob)
            entries.append(Entry(change: change, summary: "Unchanged, but broken by this change", diagnostics: problems, affected: true))
        }
        return entries
    }

    /// The workflows at `head`, for cross-file checks: every id, with the inputs of those
    /// the changed files mention (the others are not read, so the check stays fast).
    private static func catalog(_ repository: GitRepository, at head: ObjectID, changed: [LoadResult]) throws(GitError) -> WorkflowCatalog {
        let files = try repository.files(in: head, under: "workflows").filter { WorkflowFile.isWorkflow($0.path) }
        var catalog = WorkflowCatalog(changed)
        let loadedPaths = Set(changed.map(\.path))
        var mentioned: Set<String> = []
        for result in changed { result.workflow?.source.forEachString { value, _ in mentioned.insert(value) } }
        var blobs: [(path: String, bytes: [UInt8])] = []
        for file in files where !loadedPaths.contains(file.path) {
            let id = WorkflowID.from(path: file.path)
            if mentioned.contains(id) {
                if file.isSymlink {
                    catalog.add(WorkflowLoader.symlink(path: file.path))
                } else {
                    blobs.append((file.path, try repository.blob(file.blob, path: file.path)))
                }
            } else if catalog.inputs[id] == nil {
                catalog.inputs[id] = []
            }
        }
        for result in WorkflowLoader.loadAll(blobs) { catalog.add(result) }
        return catalog
    }
}
