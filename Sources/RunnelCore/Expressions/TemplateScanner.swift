/// Finds the `${{ … }}` expressions in a template text.
///
/// An expression ends at the first `}}` that is not inside a single-quoted string, so
/// `${{ format('}}') }}` is one expression. There is no escape for `${{`: write
/// `${{ '${{' }}` to produce it literally.
enum TemplateScanner {
    /// Splits `text` into literal and expression parts.
    /// - Throws: ``TemplateError`` for an unterminated `${{`, an empty expression or a syntax
    ///   error inside an expression.
    static func scan(_ text: String) throws(TemplateError) -> [Template.Part] {
        let scalars = Array(text.unicodeScalars)
        var parts: [Template.Part] = []
        var literalStart = 0
        var index = 0
        while index + 2 < scalars.count {
            guard scalars[index] == "$", scalars[index + 1] == "{", scalars[index + 2] == "{" else {
                index += 1
                continue
            }
            let open = index
            let start = index + 3
            let end = try closingBraces(in: scalars, from: start, open: open)
            if literalStart < open { parts.append(.literal(string(scalars[literalStart..<open]))) }
            let slice = scalars[start..<end]
            do {
                let expression = try Expression(source: string(slice), scalars: slice)
                parts.append(.expression(expression, offset: start))
            } catch {
                throw TemplateError(message: error.message, offset: start + error.offset)
            }
            index = end + 2
            literalStart = index
        }
        if literalStart < scalars.count { parts.append(.literal(string(scalars[literalStart...]))) }
        return parts
    }

    /// The index of the `}}` that closes the expression starting at `start`.
    private static func closingBraces(
        in scalars: [Unicode.Scalar], from start: Int, open: Int
    ) throws(TemplateError) -> Int {
        var index = start
        var inString = false
        while index < scalars.count {
            let c = scalars[index]
            if inString {
                if c == "'" {
                    if index + 1 < scalars.count, scalars[index + 1] == "'" {
                        index += 2
                        continue
                    }
                    inString = false
                }
            } else if c == "'" {
                inString = true
            } else if c == "}", index + 1 < scalars.count, scalars[index + 1] == "}" {
                return index
            }
            index += 1
        }
        let detail = inString ? " (a single-quoted string inside it is not closed)" : ""
        throw TemplateError(message: "unterminated expression: '${{' has no closing '}}'\(detail)", offset: open)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
