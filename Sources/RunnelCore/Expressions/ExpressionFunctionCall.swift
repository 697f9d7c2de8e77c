/// A function call in an expression, as written: for a validator to check names and arity
/// against ``Expression/functions``.
public struct ExpressionFunctionCall: Sendable, Hashable {
    /// The function name as written, e.g. `toJSON`.
    public var name: String
    /// How many arguments the call passes.
    public var argumentCount: Int
    /// 0-based scalar offset of the name in the expression source.
    public var offset: Int

    /// Creates a call record.
    /// - Parameters:
    ///   - name: The name as written.
    ///   - argumentCount: The number of arguments.
    ///   - offset: Where the name starts.
    public init(name: String, argumentCount: Int, offset: Int) {
        self.name = name
        self.argumentCount = argumentCount
        self.offset = offset
    }
}
