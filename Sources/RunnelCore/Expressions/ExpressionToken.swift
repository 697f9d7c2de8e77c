/// One token of an expression: its kind and where it is in the source.
struct ExpressionToken {
    /// What a token is; literals carry their value.
    enum Kind {
        case leftParen, rightParen, leftBracket, rightBracket, comma, dot, star
        case bang, minus
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case and, or
        case number(Double)
        case string(String)
        case identifier(String)
        case keywordTrue, keywordFalse, keywordNull
        case end
    }

    var kind: Kind
    /// Scalar offset of the token from the start of the expression source.
    var offset: Int
    /// Byte positions of the token's text in the lexer's UTF-8 buffer.
    var bytes: Range<Int>

    /// Whether a value ends with this token, so that a following `.` is member access, not `.5`.
    var endsOperand: Bool {
        switch kind {
        case .identifier, .rightParen, .rightBracket, .star, .number, .string, .keywordTrue, .keywordFalse,
            .keywordNull:
            true
        default:
            false
        }
    }

    var isEnd: Bool {
        if case .end = kind { return true }
        return false
    }
}
