/// `workflow`: starts another workflow and, by default, waits for its result.
public struct WorkflowStepConfig: Sendable, Hashable {
    /// Id of the workflow to run.
    public var workflow: Located<String>
    /// Its inputs (templates inside).
    public var inputs: SourceValue?
    /// Whether to wait for the child run to finish (default true).
    public var wait: Bool
}
