/// Splits expression source into tokens, one at a time, over UTF-8 bytes.
///
/// Every character with a meaning in the language is ASCII, so the lexer works on bytes and
/// only decodes text for names, strings and messages. Offsets handed out are Unicode scalar
/// offsets from the start of the source (which may be a slice of a larger template).
struct ExpressionLexer {
    let bytes: ArraySlice<UInt8>
    private let offsets: ScalarOffsets
    private var index: Int
    private var previousEndsOperand = false
    private var previousIsDot = false

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.offsets = ScalarOffsets(bytes)
        self.index = bytes.startIndex
    }

    /// The scalar offset of byte position `position`.
    func offset(_ position: Int) -> Int { offsets.scalarOffset(position) }

    private func byte(at position: Int) -> UInt8? {
        position < bytes.endIndex ? bytes[position] : nil
    }

    /// The next token; `.end` once the source is used up.
    mutating func next() throws(ExpressionError) -> ExpressionToken {
        while let c = byte(at: index), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { index += 1 }
        let token = try lexToken()
        previousEndsOperand = token.endsOperand
        if case .dot = token.kind { previousIsDot = true } else { previousIsDot = false }
        return token
    }

    private func token(_ kind: ExpressionToken.Kind, from start: Int) -> ExpressionToken {
        ExpressionToken(kind: kind, offset: offset(start), bytes: start..<index)
    }

    private mutating func lexToken() throws(ExpressionError) -> ExpressionToken {
        let start = index
        guard let c = byte(at: index) else { return token(.end, from: start) }
        let next = byte(at: index + 1)
        func simple(_ kind: ExpressionToken.Kind, _ length: Int = 1) -> ExpressionToken {
            index += length
            return token(kind, from: start)
        }
        switch c {
        case UInt8(ascii: "("): return simple(.leftParen)
        case UInt8(ascii: ")"): return simple(.rightParen)
        case UInt8(ascii: "["): return simple(.leftBracket)
        case UInt8(ascii: "]"): return simple(.rightBracket)
        case UInt8(ascii: ","): return simple(.comma)
        case UInt8(ascii: "*"): return simple(.star)
        case UInt8(ascii: "."):
            if !previousEndsOperand, let next, NumberSyntax.isDigit(next) { return try lexNumber() }
            return simple(.dot)
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            if let next,
                NumberSyntax.isDigit(next)
                    || (next == UInt8(ascii: ".") && byte(at: index + 2).map(NumberSyntax.isDigit) == true)
            {
                return try lexNumber()
            }
            if c == UInt8(ascii: "-") { return simple(.minus) }
            throw ExpressionError(message: "unexpected character '+'", offset: offset(start))
        case UInt8(ascii: "!"): return next == UInt8(ascii: "=") ? simple(.notEqual, 2) : simple(.bang)
        case UInt8(ascii: "<"): return next == UInt8(ascii: "=") ? simple(.lessEqual, 2) : simple(.less)
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? simple(.greaterEqual, 2) : simple(.greater)
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { return simple(.equal, 2) }
            throw ExpressionError(message: "unexpected character '=', did you mean '=='?", offset: offset(start))
        case UInt8(ascii: "&"):
            if next == UInt8(ascii: "&") { return simple(.and, 2) }
            throw ExpressionError(message: "unexpected character '&', did you mean '&&'?", offset: offset(start))
        case UInt8(ascii: "|"):
            if next == UInt8(ascii: "|") { return simple(.or, 2) }
            throw ExpressionError(message: "unexpected character '|', did you mean '||'?", offset: offset(start))
        case UInt8(ascii: "'"): return try lexString()
        case UInt8(ascii: "\""):
            throw ExpressionError(
                message: "unexpected character '\"': strings are written in single quotes", offset: offset(start))
        default:
            if NumberSyntax.isDigit(c) { return try lexNumber() }
            if Self.isIdentifierStart(c) { return lexIdentifier() }
            throw ExpressionError(message: "unexpected character '\(character(at: start))'", offset: offset(start))
        }
    }

    /// The character starting at byte `position`, control characters escaped, for messages.
    private func character(at position: Int) -> String {
        guard let lead = byte(at: position) else { return "" }
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let end = min(position + length, bytes.endIndex)
        if lead < 0x20 || lead == 0x7F { return "\\u{\(String(lead, radix: 16))}" }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    private mutating func lexNumber() throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        while let c = byte(at: index) {
            if Self.isIdentifierPart(c) || c == UInt8(ascii: ".") {
                index += 1
            } else if c == UInt8(ascii: "+"), let last = byte(at: index - 1),
                last == UInt8(ascii: "e") || last == UInt8(ascii: "E")
            {
                index += 1
            } else {
                break
            }
        }
        let lexeme = bytes[start..<index]
        guard let value = NumberSyntax.parse(lexeme) else {
            throw ExpressionError(
                message: "invalid number literal '\(String(decoding: lexeme, as: UTF8.self))'", offset: offset(start))
        }
        if let problem = NumberSyntax.rangeProblem(lexeme, value: value) {
            throw ExpressionError(message: problem, offset: offset(start))
        }
        return token(.number(value), from: start)
    }

    private mutating func lexString() throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        var hasEscapes = false
        while let c = byte(at: index) {
            if c == UInt8(ascii: "'") {
                if byte(at: index + 1) == UInt8(ascii: "'") {
                    hasEscapes = true
                    index += 2
                    continue
                }
                index += 1
                let content = bytes[(start + 1)..<(index - 1)]
                var value = String(decoding: content, as: UTF8.self)
                if hasEscapes { value = Self.unescape(content) }
                return token(.string(value), from: start)
            }
            index += 1
        }
        throw ExpressionError(message: "unterminated string literal", offset: offset(start))
    }

    /// The content of a string literal with each `''` turned into `'`.
    private static func unescape(_ content: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(content.count)
        var skipNextQuote = false
        for byte in content {
            if byte == UInt8(ascii: "'") {
                if skipNextQuote {
                    skipNextQuote = false
                    continue
                }
                skipNextQuote = true
            }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private mutating func lexIdentifier() -> ExpressionToken {
        let start = index
        index += 1
        while let c = byte(at: index), Self.isIdentifierPart(c) { index += 1 }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
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
        return token(kind, from: start)
    }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || NumberSyntax.isDigit(c) || c == UInt8(ascii: "-")
    }
}
