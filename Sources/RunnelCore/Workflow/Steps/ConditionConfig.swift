/// `condition`: evaluates an expression and runs the `then` or the `else` targets.
///
/// Targets are ids of other steps of the workflow; they depend on the condition step
/// implicitly, and the targets of the branch not taken are skipped.
public struct ConditionConfig: Sendable, Hashable {
    /// The expression (with or without `${{ }}`).
    public var condition: Located<String>
    /// Steps run when it holds.
    public var then: [Located<String>]
    /// Steps run when it doesn't.
    public var `else`: [Located<String>]
}
