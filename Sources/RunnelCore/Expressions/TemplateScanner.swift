/// Finds the `${{ … }}` expressions in a template text.
///
/// An expression ends at the first `}}` that is not inside a single-quoted string, so
/// `${{ format('}}') }}` is one expression. There is no escape for `${{`: write
/// `${{ '${{' }}` to produce it literally. Scans UTF-8 bytes (every delimiter is ASCII) and
/// reports Unicode scalar offsets.
enum TemplateScanner {
    /// Splits `text` into literal and expression parts.
    /// - Throws: ``TemplateError`` for an unterminated `${{`, an empty expression or a syntax
    ///   error inside an expression.
    static func scan(_ text: String) throws(TemplateError) -> [Template.Part] {
        let bytes = Array(text.utf8)
        let offsets = ScalarOffsets(bytes[...])
        var parts: [Template.Part] = []
        var literalStart = 0
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"),
                bytes[index + 2] == UInt8(ascii: "{")
            else {
                index += 1
                continue
            }
            let open = index
            let start = index + 3
            guard let end = closingBraces(in: bytes, from: start) else {
                let inString = closingBraces(in: bytes, from: start, ignoringStrings: true) != nil
                let detail = inString ? " (a single-quoted string inside it is not closed)" : ""
                throw TemplateError(
                    message: "unterminated expression: '${{' has no closing '}}'\(detail)",
                    offset: offsets.scalarOffset(open))
            }
            if literalStart < open {
                parts.append(.literal(String(decoding: bytes[literalStart..<open], as: UTF8.self)))
            }
            let slice = bytes[start..<end]
            let startOffset = offsets.scalarOffset(start)
            do {
                let expression = try Expression(source: String(decoding: slice, as: UTF8.self), bytes: slice)
                parts.append(.expression(expression, offset: startOffset))
            } catch {
                throw TemplateError(message: error.message, offset: startOffset + error.offset)
            }
            index = end + 2
            literalStart = index
        }
        if literalStart < bytes.count {
            parts.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self)))
        }
        return parts
    }

    /// The position of the `}}` that closes the expression starting at `start`, skipping
    /// single-quoted strings unless `ignoringStrings`.
    private static func closingBraces(in bytes: [UInt8], from start: Int, ignoringStrings: Bool = false) -> Int? {
        var index = start
        var inString = false
        while index < bytes.count {
            let c = bytes[index]
            if inString {
                if c == UInt8(ascii: "'") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") {
                        index += 2
                        continue
                    }
                    inString = false
                }
            } else if c == UInt8(ascii: "'"), !ignoringStrings {
                inString = true
            } else if c == UInt8(ascii: "}"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") {
                return index
            }
            index += 1
        }
        return nil
    }
}
