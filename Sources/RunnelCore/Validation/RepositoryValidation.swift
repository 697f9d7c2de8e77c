/// The one validation path of a change to a repository's workflows: `runnel validate`,
/// `runnel check`, the API's validate, create, update and delete, and the daemon's reconcile
/// all ask it, so that each says what the others say. It runs the ``Validator`` on the
/// changed files with the repository's other workflows (the cross-file checks: a `workflow`
/// step naming a workflow that doesn't exist, the inputs it passes, two files with one id),
/// and finds the unchanged workflows a change breaks.
public struct RepositoryValidation: Sendable {
    /// The repository's workflows after the change: ids and declared inputs (nil: unknown,
    /// the checks against other workflows are skipped).
    public var catalog: WorkflowCatalog?
    /// The workflow files after the change, by id (more than one: a duplicate id).
    public var pathsByID: [String: [String]]

    /// A validation against `catalog`, with `paths` the workflow files after the change.
    public init(catalog: WorkflowCatalog?, paths: [String]) {
        self.init(catalog: catalog, pathsByID: Self.index(paths))
    }

    /// A validation against `catalog`, with the workflow files after the change already by id
    /// (the daemon keeps that index change by change: no pass over every path per push).
    public init(catalog: WorkflowCatalog?, pathsByID: [String: [String]]) {
        self.catalog = catalog
        self.pathsByID = pathsByID
    }

    /// `paths` (templates left out) by workflow id.
    public static func index(_ paths: [String]) -> [String: [String]] {
        var byID: [String: [String]] = [:]
        for path in paths where !WorkflowID.isTemplate(path: path) { byID[WorkflowID.from(path: path), default: []].append(path) }
        return byID
    }

    /// Every problem of the files `changed`: each file's own, the cross-file checks against the
    /// catalog, and an id that another file of the repository (changed or not) also has (every
    /// file of such a pair gets the error, so that neither is activated).
    public func problems(of changed: [LoadResult]) -> [Diagnostic] {
        var diagnostics = Validator.validateEach(changed, knownWorkflows: catalog).flatMap { $0 }
        var templates: [String: String] = [:]
        for result in changed {
            if WorkflowID.isTemplate(path: result.path) {
                // Templates share ids only with templates (of the files given).
                let id = WorkflowID.from(path: result.path)
                if let owner = templates[id] { diagnostics += Validator.duplicateID(result, owner: owner) } else { templates[id] = result.path }
                continue
            }
            guard
                  let other = pathsByID[WorkflowID.from(path: result.path)]?.sorted().first(where: { $0 != result.path }) else { continue }
            diagnostics += Validator.duplicateID(result, owner: other)
        }
        return diagnostics
    }

    /// The problems of unchanged workflows (`dependents`) that the change breaks: their
    /// references to other workflows (`workflow` steps and tools, `on.workflow`) that no longer
    /// validate against the catalog.
    public func broken(_ dependents: [LoadResult]) -> [Diagnostic] {
        dependents.flatMap { result in
            Validator.validate(result, knownWorkflows: catalog).filter { $0.rule == "workflow-reference" && $0.severity == .error }
        }
    }
}

extension Workflow {
    /// The ids of the workflows this one runs (`workflow` steps, in loops too, and `workflow`
    /// tools) or starts after (`on.workflow`): what a change to those can break.
    public var referencedWorkflowIDs: Set<String> {
        var ids = Set(triggers.workflows.map(\.completed.value))
        var pending = steps + onFailure
        while let step = pending.popLast() {
            switch step.config {
            case .workflow(let config): ids.insert(config.workflow.value)
            case .loop(let loop): pending.append(loop.step)
            default: break
            }
        }
        for tool in tools {
            if case .workflow(let config) = tool.action { ids.insert(config.workflow.value) }
        }
        return ids
    }
}
