/// A string that may contain `${{ … }}` expressions.
///
/// A value that is exactly one expression keeps the expression's type (`${{ inputs.limit }}` →
/// a number); anything else evaluates to a string in which each expression's value is cast to
/// string (objects and arrays as compact JSON).
public struct Template: Sendable, Hashable {
    /// A piece of a template.
    public enum Part: Sendable, Hashable {
        /// Text copied as it is.
        case literal(String)
        /// An expression; `offset` is the scalar offset in the template text of the first
        /// character of the expression source (just after `${{`).
        case expression(Expression, offset: Int)
    }

    /// The literal and expression parts, in order; empty literals are left out.
    public let parts: [Part]

    /// Parses `text`, finding and parsing each `${{ … }}`.
    /// - Parameter text: The template text.
    /// - Throws: ``TemplateError`` for an unterminated `${{`, an empty `${{ }}` or a syntax
    ///   error inside an expression, with the offset in `text`.
    public init(parsing text: String) throws(TemplateError) {
        parts = try TemplateScanner.scan(text)
    }

    /// True when the text is exactly one `${{ … }}` (surrounding whitespace allowed): evaluation
    /// then keeps the value's type.
    public var isSingleExpression: Bool { singleExpression != nil }

    /// Whether the text holds at least one expression.
    public var containsExpressions: Bool {
        parts.contains { if case .expression = $0 { true } else { false } }
    }

    private var singleExpression: Expression? {
        var found: Expression?
        for part in parts {
            switch part {
            case .literal(let text):
                guard text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return nil }
            case .expression(let expression, _):
                guard found == nil else { return nil }
                found = expression
            }
        }
        return found
    }

    /// Single expression → its value as is; otherwise the concatenation of literals and values
    /// cast to string → `.string`.
    /// - Parameter context: The contexts and run status the expressions see.
    /// - Throws: ``ExpressionError`` from the first expression that fails; its offset is within
    ///   that expression's source.
    public func evaluate(in context: EvaluationContext) throws(ExpressionError) -> JSONValue {
        if let expression = singleExpression { return try expression.evaluate(in: context) }
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text): result += text
            case .expression(let expression, _): result += try expression.evaluate(in: context).expressionString
            }
        }
        return .string(result)
    }

    /// Whether `text` contains `${{`, without parsing it.
    /// - Parameter text: The text to look at.
    public static func containsExpression(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var state = 0  // how many of "${{" have been seen in a row
        while let byte = utf8.next() {
            switch (state, byte) {
            case (_, UInt8(ascii: "$")): state = 1
            case (1, UInt8(ascii: "{")): state = 2
            case (2, UInt8(ascii: "{")): return true
            default: state = 0
            }
        }
        return false
    }
}
