/// A syntax or evaluation error in a `${{ … }}` expression.
///
/// The message says what is wrong; ``offset`` says where, counted in Unicode scalars from the
/// start of the expression source (the text between `${{` and `}}`), 0-based.
public struct ExpressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, e.g. `unexpected token '=='` or `fromJSON: invalid JSON: …`.
    public var message: String
    /// 0-based offset in Unicode scalars from the start of the expression source where the problem is.
    public var offset: Int

    /// Creates an error.
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - offset: Where, in Unicode scalars from the start of the expression source.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message followed by the offset, e.g. `unexpected token '==' at offset 4`.
    public var description: String { "\(message) at offset \(offset)" }
}

extension ExpressionError {
    static func tooDeep(at offset: Int) -> ExpressionError {
        ExpressionError(
            message: "expression is nested too deeply (more than \(Expression.maximumDepth) levels)", offset: offset)
    }

    static func function(_ name: String, _ reason: String, at offset: Int) -> ExpressionError {
        ExpressionError(message: "\(name): \(reason)", offset: offset)
    }
}
