/// A use of a context in an expression, e.g. `steps.fetch.output` → context `steps`,
/// path `["fetch", "output"]`.
public struct ExpressionReference: Sendable, Hashable {
    /// The root identifier as written, e.g. `steps`.
    public var context: String
    /// The static property names and string indexes that follow the root, up to the first
    /// dynamic index, numeric index or `*` filter.
    public var path: [String]
    /// 0-based scalar offset of the root identifier in the expression source.
    public var offset: Int

    /// Creates a reference.
    /// - Parameters:
    ///   - context: The root identifier.
    ///   - path: The static names that follow it.
    ///   - offset: Where the root identifier starts.
    public init(context: String, path: [String], offset: Int) {
        self.context = context
        self.path = path
        self.offset = offset
    }
}
