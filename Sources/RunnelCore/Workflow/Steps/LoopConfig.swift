/// `loop`: runs a nested step once per item of a list; output is the list of results.
/// Inside the nested step, `loop.item` is the current item and `loop.index` its index.
public struct LoopConfig: Sendable, Hashable {
    /// The list: an expression evaluating to an array, or a literal sequence.
    public var items: SourceValue
    /// The step run for each item.
    public var step: Step
    /// How many items run at once (default 1).
    public var maxParallel: Int
    /// Stop starting new items after one fails (default true).
    public var failFast: Bool
}
