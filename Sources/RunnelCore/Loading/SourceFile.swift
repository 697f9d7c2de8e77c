/// Helpers over a file's text: lines, offsets and finding things the YAML parser does not report.
enum SourceFile {
    /// The 1-based line and scalar column of a UTF-8 byte offset.
    static func location(ofByteOffset offset: Int, in text: String) -> SourceLocation {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += UTF8.width(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// The text of 1-based line `line`, without its newline.
    static func line(_ line: Int, of text: String) -> Substring? {
        guard line >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" {
                if current == line { return text[start..<index] }
                current += 1
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == line ? text[start..<text.endIndex] : nil
    }

    /// Finds the second occurrence of block key `key` at the same column as the first one.
    static func locateDuplicateKey(_ key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line <= lines.count else { return nil }
        let candidates = ["\(key):", "\"\(key)\":", "'\(key)':"]
        for number in (first.line + 1)...max(first.line + 1, lines.count) where number <= lines.count {
            let scalars = Array(lines[number - 1].unicodeScalars)
            guard scalars.count >= first.column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(first.column - 1)...]))
            if candidates.contains(where: { rest.hasPrefix($0) }) {
                return SourceLocation(line: number, column: first.column)
            }
        }
        return nil
    }
}
