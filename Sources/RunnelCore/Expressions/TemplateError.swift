/// A syntax error in a string that contains `${{ … }}` expressions.
public struct TemplateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public var message: String
    /// 0-based offset in Unicode scalars from the start of the template text: for a syntax
    /// error inside an expression, the expression's start offset plus the
    /// ``ExpressionError/offset``; for an unterminated `${{`, where it opens.
    public var offset: Int

    /// Creates an error.
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - offset: Where, in Unicode scalars from the start of the template text.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message followed by the offset.
    public var description: String { "\(message) at offset \(offset)" }
}
