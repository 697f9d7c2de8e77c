/// Maps offsets inside a YAML string value back to file positions.
///
/// Lines are split on first use: most files have no problem to report.
final class SourceText {
    private let text: String
    private lazy var lines: [Substring] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        .map { Substring($0) }

    init(_ text: String) {
        self.text = text
    }

    /// The text of 1-based line `number`.
    func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// The file position of scalar `offset` within string `value`, which starts at `location`.
    ///
    /// Exact for single-line plain and quoted scalars and for block scalars (`|`, `>`);
    /// for folded multi-line flow scalars the line is exact and the column approximate.
    func location(ofOffset offset: Int, in value: String, at location: SourceLocation) -> SourceLocation {
        var lineInValue = 0
        var column = 0
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" {
                lineInValue += 1
                column = 0
            } else {
                column += 1
            }
        }
        let start = line(location.line).map { Array($0.unicodeScalars) } ?? []
        let indicator = location.column - 1 < start.count ? start[location.column - 1] : " "
        if indicator == "|" || indicator == ">" {
            let fileLine = location.line + 1 + lineInValue
            return SourceLocation(line: fileLine, column: indentation(of: fileLine) + 1 + column)
        }
        if lineInValue == 0 {
            let quoted = indicator == "\"" || indicator == "'"
            return SourceLocation(line: location.line, column: location.column + (quoted ? 1 : 0) + column)
        }
        let fileLine = location.line + lineInValue
        return SourceLocation(line: fileLine, column: indentation(of: fileLine) + 1 + column)
    }

    private func indentation(of number: Int) -> Int {
        line(number)?.prefix { $0 == " " }.count ?? 0
    }
}
