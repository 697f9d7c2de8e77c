/// What the validator knows of a repository's other workflows, for cross-file checks:
/// their ids, the inputs they declare and the workflows whose completion starts them.
public struct WorkflowCatalog: Sendable {
    /// Declared inputs by workflow id.
    public var inputs: [String: [InputSpec]]
    /// Workflow id → ids of the workflows whose completion starts it (`on.workflow`).
    public private(set) var startedAfter: [String: Set<String>] = [:]

    /// The connections `runnel.yaml` declares, when the caller knows them (nil: not checked).
    public var connections: Set<String>?

    /// The ids in the catalog.
    public var ids: Set<String> { Set(inputs.keys) }

    /// A catalog of the workflows among `results` (templates are left out).
    public init(_ results: [LoadResult]) {
        inputs = [:]
        for result in results { add(result) }
    }

    /// Adds (or replaces) the workflow of `result`; a template is left out.
    public mutating func add(_ result: LoadResult) {
        guard !WorkflowID.isTemplate(path: result.path) else { return }
        let id = WorkflowID.from(path: result.path)
        inputs[id] = result.workflow?.inputs ?? []
        let after = Set(result.workflow?.triggers.workflows.map(\.completed.value) ?? [])
        startedAfter[id] = after.isEmpty ? nil : after
    }

    /// Removes the workflow `id`.
    public mutating func remove(_ id: String) {
        inputs[id] = nil
        startedAfter[id] = nil
    }
}
