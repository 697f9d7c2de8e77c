/// What the validator knows of a repository's other workflows, for cross-file checks:
/// their ids and the inputs they declare.
public struct WorkflowCatalog: Sendable {
    /// Declared inputs by workflow id.
    public var inputs: [String: [InputSpec]]

    /// The ids in the catalog.
    public var ids: Set<String> { Set(inputs.keys) }

    /// A catalog of the workflows among `results` (templates are left out).
    public init(_ results: [LoadResult]) {
        var inputs: [String: [InputSpec]] = [:]
        for result in results where !WorkflowID.isTemplate(path: result.path) {
            inputs[WorkflowID.from(path: result.path)] = result.workflow?.inputs ?? []
        }
        self.inputs = inputs
    }
}
