/// A parsed `${{ … }}` expression: GitHub Actions' expression language.
///
/// Parse once with ``init(parsing:)``, then ``evaluate(in:)`` as often as needed. Two
/// expressions are equal when their sources are equal. The language is described in
/// `docs/expressions.md`.
public struct Expression: Sendable, Hashable {
    /// The expression source: the text between `${{` and `}}`, as written.
    public let source: String
    let root: ExpressionNode

    /// The longest source accepted, in Unicode scalars.
    public static let maximumLength = 32_768
    /// The deepest nesting accepted (parentheses, brackets, calls, operators, property chains).
    public static let maximumDepth = 100

    /// Parses `source`.
    /// - Parameter source: The expression, without the surrounding `${{` `}}`.
    /// - Throws: ``ExpressionError`` with the offset of the offending token when the source is
    ///   empty, malformed, longer than ``maximumLength`` or nested deeper than ``maximumDepth``.
    ///   Unknown function names and wrong argument counts are not syntax errors: they are
    ///   reported by ``functionCalls`` for a validator, and thrown by ``evaluate(in:)``.
    public init(parsing source: String) throws(ExpressionError) {
        let bytes = Array(source.utf8)
        try self.init(source: source, bytes: bytes[...])
    }

    /// Parses the UTF-8 of `source`, which may be a slice of a template (the template scanner's
    /// entry point); offsets count from the slice's start.
    init(source: String, bytes: ArraySlice<UInt8>) throws(ExpressionError) {
        self.source = source
        self.root = try ExpressionParser.parse(bytes)
    }

    /// Evaluates the expression.
    /// - Parameter context: The contexts (`inputs`, `steps`, …) and the run's status.
    /// - Returns: The value; missing properties give `null`.
    /// - Throws: ``ExpressionError`` when a function fails (`fromJSON('{')`), is unknown or gets
    ///   the wrong number of arguments; the offset is that of the function's name.
    public func evaluate(in context: EvaluationContext) throws(ExpressionError) -> JSONValue {
        try ExpressionEvaluator(context: context).evaluate(root)
    }

    /// Known function names (lowercased) with the allowed argument count range.
    public static let functions: [String: ClosedRange<Int>] = [
        "contains": 2...2,
        "startswith": 2...2,
        "endswith": 2...2,
        "format": 1...255,
        "join": 1...2,
        "tojson": 1...1,
        "fromjson": 1...1,
        "success": 0...0,
        "failure": 0...0,
        "always": 0...0,
        "cancelled": 0...0,
    ]

    /// Whether two expressions have the same source.
    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.source == rhs.source }

    /// Hashes the source.
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
