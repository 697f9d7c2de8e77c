/// A recursive-descent parser for the expression language, with GitHub's precedence:
/// `( )`, `[ ]` and `.`, then `!` (and Runnel's unary `-`), `<` `<=` `>` `>=`, `==` `!=`,
/// `&&`, `||`.
///
/// Depth is bounded twice: the parser's own recursion (nested parentheses, brackets, calls and
/// unary operators) and the height of the tree it builds (long left-leaning chains such as
/// `a == b == c …`), so no input can exhaust the stack here or in the evaluator.
struct ExpressionParser {
    /// A node with the height of its tree.
    private struct Parsed {
        var node: ExpressionNode
        var height: Int
    }

    private var lexer: ExpressionLexer
    private var current: ExpressionToken
    private var depth = 0

    private init(_ bytes: ArraySlice<UInt8>) throws(ExpressionError) {
        self.lexer = ExpressionLexer(bytes)
        self.current = try lexer.next()
    }

    /// Parses a whole expression.
    /// - Throws: ``ExpressionError`` for any syntax error, an empty source or one too long or deep.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(ExpressionError) -> ExpressionNode {
        if bytes.count > Expression.maximumLength {
            let length = bytes.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            if length > Expression.maximumLength {
                throw ExpressionError(
                    message: "expression is too long (\(length) characters, at most \(Expression.maximumLength))",
                    offset: Expression.maximumLength)
            }
        }
        var parser = try ExpressionParser(bytes)
        if parser.current.isEnd { throw ExpressionError(message: "empty expression", offset: 0) }
        let result = try parser.parseOr()
        if !parser.current.isEnd {
            throw parser.unexpected(expected: "an operator or the end of the expression")
        }
        return result.node
    }

    // MARK: Tokens

    private mutating func advance() throws(ExpressionError) {
        current = try lexer.next()
    }

    /// A token as a message names it: `token '=='`, `string 'abc'` or `end of the expression`.
    private func describe(_ token: ExpressionToken) -> String {
        if token.isEnd { return "end of the expression" }
        let limit = 32
        var text = String(decoding: lexer.bytes[token.bytes], as: UTF8.self)
        if text.unicodeScalars.count > limit {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
        }
        if case .string = token.kind { return "string \(text)" }
        return "token '\(text)'"
    }

    /// `unexpected token 'x', expected …` at the current token.
    private func unexpected(expected: String) -> ExpressionError {
        ExpressionError(message: "unexpected \(describe(current)), expected \(expected)", offset: current.offset)
    }

    /// `expected …, found 'x'` at the current token, for a missing closing bracket.
    private func missing(_ expected: String) -> ExpressionError {
        ExpressionError(message: "expected \(expected), found \(describe(current))", offset: current.offset)
    }

    private mutating func enter() throws(ExpressionError) {
        depth += 1
        if depth > Expression.maximumDepth { throw .tooDeep(at: current.offset) }
    }

    private mutating func leave() { depth -= 1 }

    private func make(_ node: ExpressionNode, height: Int, at offset: Int) throws(ExpressionError) -> Parsed {
        if height > Expression.maximumDepth { throw .tooDeep(at: offset) }
        return Parsed(node: node, height: height)
    }

    // MARK: Binary levels

    private mutating func parseOr() throws(ExpressionError) -> Parsed {
        let first = try parseAnd()
        guard case .or = current.kind else { return first }
        var operands = [first.node]
        var height = first.height
        while case .or = current.kind {
            try advance()
            let next = try parseAnd()
            operands.append(next.node)
            height = max(height, next.height)
        }
        return try make(.or(operands), height: height + 1, at: current.offset)
    }

    private mutating func parseAnd() throws(ExpressionError) -> Parsed {
        let first = try parseEquality()
        guard case .and = current.kind else { return first }
        var operands = [first.node]
        var height = first.height
        while case .and = current.kind {
            try advance()
            let next = try parseEquality()
            operands.append(next.node)
            height = max(height, next.height)
        }
        return try make(.and(operands), height: height + 1, at: current.offset)
    }

    private mutating func parseEquality() throws(ExpressionError) -> Parsed {
        var left = try parseComparison()
        while true {
            let op: ExpressionNode.Comparison
            switch current.kind {
            case .equal: op = .equal
            case .notEqual: op = .notEqual
            default: return left
            }
            let operatorOffset = current.offset
            try advance()
            let right = try parseComparison()
            left = try make(
                .comparison(op, left.node, right.node), height: max(left.height, right.height) + 1, at: operatorOffset)
        }
    }

    private mutating func parseComparison() throws(ExpressionError) -> Parsed {
        var left = try parseUnary()
        while true {
            let op: ExpressionNode.Comparison
            switch current.kind {
            case .less: op = .less
            case .lessEqual: op = .lessEqual
            case .greater: op = .greater
            case .greaterEqual: op = .greaterEqual
            default: return left
            }
            let operatorOffset = current.offset
            try advance()
            let right = try parseUnary()
            left = try make(
                .comparison(op, left.node, right.node), height: max(left.height, right.height) + 1, at: operatorOffset)
        }
    }

    // MARK: Unary, postfix, primary

    private mutating func parseUnary() throws(ExpressionError) -> Parsed {
        let isNot: Bool
        switch current.kind {
        case .bang: isNot = true
        case .minus: isNot = false
        default: return try parsePostfix()
        }
        let offset = current.offset
        try enter()
        try advance()
        let operand = try parseUnary()
        leave()
        return try make(isNot ? .not(operand.node) : .negate(operand.node), height: operand.height + 1, at: offset)
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Parsed {
        var (result, acceptsPostfix) = try parsePrimary()
        guard acceptsPostfix else { return result }
        while true {
            switch current.kind {
            case .dot:
                let dotOffset = current.offset
                try advance()
                switch current.kind {
                case .identifier(let name):
                    result = try make(
                        .property(result.node, name: name, offset: current.offset), height: result.height + 1,
                        at: current.offset)
                case .star:
                    result = try make(.filter(result.node, offset: current.offset), height: result.height + 1, at: dotOffset)
                default:
                    throw unexpected(expected: "a property name or '*' after '.'")
                }
                try advance()
            case .leftBracket:
                let bracketOffset = current.offset
                try enter()
                try advance()
                if case .star = current.kind {
                    try advance()
                    result = try make(.filter(result.node, offset: bracketOffset), height: result.height + 1, at: bracketOffset)
                } else {
                    let index = try parseOr()
                    result = try make(
                        .index(result.node, index.node, offset: bracketOffset),
                        height: max(result.height, index.height) + 1, at: bracketOffset)
                }
                guard case .rightBracket = current.kind else {
                    throw missing("']' to close the '[' at offset \(bracketOffset)")
                }
                leave()
                try advance()
            default:
                return result
            }
        }
    }

    /// A primary value, and whether `.`, `[ ]` may follow it (as in GitHub: only after a
    /// context name, a call or parentheses, not after a literal).
    private mutating func parsePrimary() throws(ExpressionError) -> (Parsed, Bool) {
        let token = current
        switch token.kind {
        case .keywordNull:
            try advance()
            return (Parsed(node: .literal(.null), height: 0), false)
        case .keywordTrue:
            try advance()
            return (Parsed(node: .literal(.bool(true)), height: 0), false)
        case .keywordFalse:
            try advance()
            return (Parsed(node: .literal(.bool(false)), height: 0), false)
        case .number(let value):
            try advance()
            return (Parsed(node: .literal(.number(value)), height: 0), false)
        case .string(let value):
            try advance()
            return (Parsed(node: .literal(.string(value)), height: 0), false)
        case .leftParen:
            try enter()
            try advance()
            let inner = try parseOr()
            guard case .rightParen = current.kind else {
                throw missing("')' to close the '(' at offset \(token.offset)")
            }
            leave()
            try advance()
            return (inner, true)
        case .identifier(let name):
            try advance()
            guard case .leftParen = current.kind else {
                return (Parsed(node: .context(name, offset: token.offset), height: 0), true)
            }
            return (try parseCall(name: name, offset: token.offset), true)
        default:
            throw unexpected(expected: "a value")
        }
    }

    private mutating func parseCall(name: String, offset: Int) throws(ExpressionError) -> Parsed {
        try enter()
        try advance()  // (
        var arguments: [ExpressionNode] = []
        var height = 0
        if case .rightParen = current.kind {
        } else {
            while true {
                let argument = try parseOr()
                arguments.append(argument.node)
                height = max(height, argument.height)
                if case .comma = current.kind {
                    try advance()
                    continue
                }
                guard case .rightParen = current.kind else {
                    throw missing("')' to close the call to '\(name)' (or ',' before another argument)")
                }
                break
            }
        }
        leave()
        try advance()  // )
        return try make(.call(name: name, arguments: arguments, offset: offset), height: height + 1, at: offset)
    }
}
