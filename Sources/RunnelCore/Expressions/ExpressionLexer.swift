/// Splits expression source into tokens, one at a time, over Unicode scalars.
///
/// Offsets are scalar offsets from the start of `scalars` (which may be a slice of a larger
/// template).
struct ExpressionLexer {
    private let scalars: ArraySlice<Unicode.Scalar>
    private var index: Int
    private var previousEndsOperand = false
    private var previousIsDot = false

    init(_ scalars: ArraySlice<Unicode.Scalar>) {
        self.scalars = scalars
        self.index = scalars.startIndex
    }

    private func offset(_ position: Int) -> Int { position - scalars.startIndex }

    private func scalar(at position: Int) -> Unicode.Scalar? {
        position < scalars.endIndex ? scalars[position] : nil
    }

    /// The next token; `.end` once the source is used up.
    mutating func next() throws(ExpressionError) -> ExpressionToken {
        skipWhitespace()
        let token = try lexToken()
        previousEndsOperand = token.endsOperand
        if case .dot = token.kind { previousIsDot = true } else { previousIsDot = false }
        return token
    }

    private mutating func skipWhitespace() {
        while let c = scalar(at: index), c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
    }

    private mutating func lexToken() throws(ExpressionError) -> ExpressionToken {
        let start = index
        guard let c = scalar(at: index) else { return ExpressionToken(kind: .end, offset: offset(start), length: 0) }
        let next = scalar(at: index + 1)
        func simple(_ kind: ExpressionToken.Kind, _ length: Int = 1) -> ExpressionToken {
            index += length
            return ExpressionToken(kind: kind, offset: offset(start), length: length)
        }
        switch c {
        case "(": return simple(.leftParen)
        case ")": return simple(.rightParen)
        case "[": return simple(.leftBracket)
        case "]": return simple(.rightBracket)
        case ",": return simple(.comma)
        case "*": return simple(.star)
        case ".":
            if !previousEndsOperand, let next, Self.isDigit(next) { return try lexNumber() }
            return simple(.dot)
        case "-", "+":
            if let next, Self.isDigit(next) || (next == "." && scalar(at: index + 2).map(Self.isDigit) == true) {
                return try lexNumber()
            }
            if c == "-" { return simple(.minus) }
            throw ExpressionError(message: "unexpected character '+'", offset: offset(start))
        case "!": return next == "=" ? simple(.notEqual, 2) : simple(.bang)
        case "<": return next == "=" ? simple(.lessEqual, 2) : simple(.less)
        case ">": return next == "=" ? simple(.greaterEqual, 2) : simple(.greater)
        case "=":
            if next == "=" { return simple(.equal, 2) }
            throw ExpressionError(message: "unexpected character '=', did you mean '=='?", offset: offset(start))
        case "&":
            if next == "&" { return simple(.and, 2) }
            throw ExpressionError(message: "unexpected character '&', did you mean '&&'?", offset: offset(start))
        case "|":
            if next == "|" { return simple(.or, 2) }
            throw ExpressionError(message: "unexpected character '|', did you mean '||'?", offset: offset(start))
        case "'": return try lexString()
        case "\"":
            throw ExpressionError(
                message: "unexpected character '\"': strings are written in single quotes", offset: offset(start))
        default:
            if Self.isDigit(c) { return try lexNumber() }
            if Self.isIdentifierStart(c) { return lexIdentifier() }
            throw ExpressionError(message: "unexpected character '\(Self.printable(c))'", offset: offset(start))
        }
    }

    private mutating func lexNumber() throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        var isRadixLiteral = false
        if scalars[start] == "0" || scalars[start] == "-" || scalars[start] == "+" {
            let markerPosition = scalars[start] == "0" ? start + 1 : start + 2
            if let marker = scalar(at: markerPosition), "xXoO".unicodeScalars.contains(marker),
                scalar(at: markerPosition - 1) == "0"
            {
                isRadixLiteral = true
            }
        }
        while let c = scalar(at: index) {
            if Self.isIdentifierPart(c) || c == "." {
                index += 1
            } else if (c == "+" || c == "-"), !isRadixLiteral, let last = scalar(at: index - 1),
                last == "e" || last == "E"
            {
                index += 1
            } else {
                break
            }
        }
        let lexeme = scalars[start..<index]
        guard let value = NumberSyntax.parse(lexeme) else {
            throw ExpressionError(
                message: "invalid number literal '\(String(String.UnicodeScalarView(lexeme)))'", offset: offset(start))
        }
        return ExpressionToken(kind: .number(value), offset: offset(start), length: index - start)
    }

    private mutating func lexString() throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        var value = String.UnicodeScalarView()
        var runStart = index
        while let c = scalar(at: index) {
            if c == "'" {
                value.append(contentsOf: scalars[runStart..<index])
                if scalar(at: index + 1) == "'" {
                    value.append("'")
                    index += 2
                    runStart = index
                    continue
                }
                index += 1
                return ExpressionToken(kind: .string(String(value)), offset: offset(start), length: index - start)
            }
            index += 1
        }
        throw ExpressionError(message: "unterminated string literal", offset: offset(start))
    }

    private mutating func lexIdentifier() -> ExpressionToken {
        let start = index
        index += 1
        while let c = scalar(at: index), Self.isIdentifierPart(c) { index += 1 }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[start..<index])
        let kind: ExpressionToken.Kind
        if previousIsDot {
            kind = .identifier(name)
        } else {
            switch name {
            case "true": kind = .keywordTrue
            case "false": kind = .keywordFalse
            case "null": kind = .keywordNull
            case "NaN": kind = .number(.nan)
            case "Infinity": kind = .number(.infinity)
            default: kind = .identifier(name)
            }
        }
        return ExpressionToken(kind: kind, offset: offset(start), length: index - start)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x41 && c.value <= 0x5A) || c == "_"
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c == "-"
    }

    /// A scalar as it can be shown in a message (control characters escaped).
    static func printable(_ c: Unicode.Scalar) -> String {
        if c.value < 0x20 || c.value == 0x7F { return "\\u{\(String(c.value, radix: 16))}" }
        return String(Character(c))
    }
}
