/// Parses the text of one cron field (`*/15`, `1-5`, `MON-FRI`, `0,30`) into a bit set.
///
/// Grammar: `item (',' item)*` where `item = ('*' | value | value '-' value) ('/' step)?`
/// and `value` is a decimal number or, in the month and day-of-week fields, a
/// three-letter name. `a/n` means `a-max/n`.
struct CronFieldParser {
    /// The parsed field: bit `v` is set when value `v` matches.
    struct Result: Equatable {
        /// Matching values as bits (day-of-week 7 already folded into 0).
        var bits: UInt64
        /// Whether the field's text starts with `*` (Vixie cron's "unrestricted" flag).
        var startsWithStar: Bool
    }

    private let text: [Character]
    private let field: CronField
    private var index: Int
    private let end: Int

    private init(text: [Character], range: Range<Int>, field: CronField) {
        self.text = text
        self.field = field
        self.index = range.lowerBound
        self.end = range.upperBound
    }

    /// Parses `text[range]` as the given field.
    /// - Parameters:
    ///   - text: The whole expression, so that error offsets point into it.
    ///   - range: The field's characters; never empty.
    ///   - field: Which field this is.
    /// - Throws: ``CronError`` describing the first problem found.
    static func parse(_ text: [Character], range: Range<Int>, field: CronField) throws(CronError) -> Result {
        var parser = CronFieldParser(text: text, range: range, field: field)
        let startsWithStar = parser.peek == "*"
        var bits: UInt64 = 0
        while true {
            bits |= try parser.parseItem()
            guard parser.peek == "," else { break }
            parser.index += 1
        }
        if field == .dayOfWeek, bits & (1 << 7) != 0 {
            bits = (bits & ~(1 << 7)) | 1
        }
        return Result(bits: bits, startsWithStar: startsWithStar)
    }

    private var peek: Character? { index < end ? text[index] : nil }

    /// One list item: a star, a value or a range, with an optional step.
    private mutating func parseItem() throws(CronError) -> UInt64 {
        let low: Int
        var high: Int
        var isSingleValue = false
        if peek == "*" {
            index += 1
            low = field.lowerBound
            high = field.upperBound
        } else {
            let first = try parseValue(after: nil)
            low = first.value
            high = first.value
            if peek == "-" {
                index += 1
                let second = try parseValue(after: "-")
                guard second.value >= first.value else {
                    throw .reversedRange(field, first.text, second.text, at: first.offset)
                }
                high = second.value
            } else {
                isSingleValue = true
            }
        }
        var step = 1
        if peek == "/" {
            index += 1
            step = try parseStep()
            if isSingleValue { high = field.upperBound }
        }
        if let c = peek, c != "," {
            throw unexpected(c)
        }
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) {
            bits |= 1 << UInt64(value)
        }
        return bits
    }

    /// A number or a name, checked against the field's bounds.
    private mutating func parseValue(after context: String?) throws(CronError) -> (value: Int, text: String, offset: Int) {
        let start = index
        guard let c = peek, c != "," else {
            throw .missingValue(field, after: context, at: start)
        }
        if c.isASCIIDigit {
            let digits = readWhile { $0.isASCIIDigit }
            // More than 9 digits cannot be in range; avoid overflow by not converting.
            guard digits.count <= 9, let value = Int(digits), value >= field.lowerBound, value <= field.upperBound else {
                throw .outOfRange(field, value: digits, at: start)
            }
            return (value, digits, start)
        }
        if c.isASCIILetter {
            let word = readWhile { $0.isASCIILetter }
            let upper = word.uppercased()
            if let first = upper.first, upper.allSatisfy({ $0 == "L" || $0 == "W" }) {
                throw .unsupported(String(first), at: start)
            }
            guard field.acceptsNames else {
                throw .namesNotAllowed(field, word, at: start)
            }
            guard let value = field.value(ofName: upper) else {
                throw .unknownName(field, word, at: start)
            }
            return (value, word, start)
        }
        throw unexpected(c)
    }

    /// The number after `/`: 1 through the field's largest value.
    private mutating func parseStep() throws(CronError) -> Int {
        let start = index
        guard let c = peek, c.isASCIIDigit else {
            if let c = peek, c != "," { throw unexpected(c) }
            throw .missingStep(field, at: start)
        }
        let digits = readWhile { $0.isASCIIDigit }
        guard digits.count <= 9, let step = Int(digits), step >= 1, step <= field.upperBound else {
            throw .badStep(field, step: digits, at: start)
        }
        return step
    }

    private mutating func readWhile(_ predicate: (Character) -> Bool) -> String {
        var result = ""
        while let c = peek, predicate(c) {
            result.append(c)
            index += 1
        }
        return result
    }

    /// The error for a character that cannot appear at the current position.
    private func unexpected(_ c: Character) -> CronError {
        switch c {
        case "L", "l", "W", "w":
            .unsupported(c.uppercased(), at: index)
        case "#", "?":
            .unsupported(String(c), at: index)
        default:
            .unexpected(c, in: field, at: index)
        }
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
    var isASCIILetter: Bool { isASCII && isLetter }
}
