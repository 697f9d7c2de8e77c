/// `format(fmt, args…)`: replaces `{N}` in `fmt` with argument N cast to string; `{{` and `}}`
/// stand for literal braces.
enum ExpressionFormat {
    /// Formats `arguments[0]` with `arguments[1...]`.
    /// - Throws: ``ExpressionError`` at `offset`, naming `function`, for a malformed placeholder,
    ///   a lone `}` or a placeholder beyond the arguments given.
    static func format(_ arguments: [JSONValue], function: String, offset: Int) throws(ExpressionError) -> String {
        let pattern = Array((arguments.first ?? .null).expressionString.unicodeScalars)
        let values = arguments.dropFirst()
        var result = String.UnicodeScalarView()
        var index = 0
        func fail(_ reason: String) -> ExpressionError { .function(function, reason, at: offset) }
        while index < pattern.count {
            let c = pattern[index]
            let next = index + 1 < pattern.count ? pattern[index + 1] : nil
            if c == "{" {
                if next == "{" {
                    result.append("{")
                    index += 2
                    continue
                }
                var cursor = index + 1
                var number = 0
                while cursor < pattern.count, cursor - index <= 6, (0x30...0x39).contains(pattern[cursor].value) {
                    number = number * 10 + Int(pattern[cursor].value - 0x30)
                    cursor += 1
                }
                guard cursor > index + 1, cursor < pattern.count, pattern[cursor] == "}" else {
                    throw fail(
                        "invalid placeholder at position \(index) of the format string: expected '{' followed by an argument number and '}' (write '{{' for a literal '{')"
                    )
                }
                guard number < values.count else {
                    let given = values.count == 1 ? "1 argument was" : "\(values.count) arguments were"
                    throw fail("placeholder {\(number)} needs \(number + 1) arguments after the format string, but \(given) given")
                }
                result.append(contentsOf: values[values.startIndex + number].expressionString.unicodeScalars)
                index = cursor + 1
            } else if c == "}" {
                guard next == "}" else {
                    throw fail("unescaped '}' at position \(index) of the format string (write '}}' for a literal '}')")
                }
                result.append("}")
                index += 2
            } else {
                result.append(c)
                index += 1
            }
        }
        return String(result)
    }
}
