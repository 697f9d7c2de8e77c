/// A parsed five-field cron expression (`minute hour day-of-month month day-of-week`) or macro.
///
/// Fields accept `*`, values, ranges `a-b`, lists `a,b`, steps `*/n`, `a-b/n` and `a/n`
/// (`a` through the field's maximum), month names `JAN`–`DEC` and weekday names
/// `SUN`–`SAT` (any case); in the day-of-week field both 0 and 7 are Sunday. The macros are
/// `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly` and `@yearly` (`@annually`).
/// See `docs/cron.md` for the full reference.
public struct CronExpression: Sendable, Hashable {
    /// The text the expression was parsed from, exactly as given.
    public let source: String

    /// Matching minutes, bits 0–59.
    let minutes: UInt64
    /// Matching hours, bits 0–23.
    let hours: UInt64
    /// Matching days of the month, bits 1–31.
    let daysOfMonth: UInt64
    /// Matching months, bits 1–12.
    let months: UInt64
    /// Matching weekdays, bits 0 (Sunday) – 6 (Saturday).
    let daysOfWeek: UInt64
    /// Vixie cron's rule: when either day field starts with `*`, a day must match both
    /// fields; otherwise matching either one is enough.
    let daysMustMatchBoth: Bool
    /// Whether neither the minute nor the hour field starts with `*`.
    let fixedTime: Bool
    /// The weekday bits repeated six times (bit `k` is weekday `k % 7`), to build month masks.
    let weekPattern: UInt64
    /// Whether some calendar day can ever match (false for `0 0 30 2 *`).
    let canMatchSomeDay: Bool

    /// Whether this is a fixed-time schedule: neither the minute nor the hour field starts
    /// with `*`. Fixed-time schedules are read on the wall clock across DST changes;
    /// all others follow elapsed time.
    public var isFixedTime: Bool { fixedTime }

    /// Parses a cron expression.
    /// - Parameter source: Five fields separated by spaces or tabs, or a macro such as
    ///   `@daily`. Leading and trailing whitespace is ignored.
    /// - Throws: ``CronError`` with a message and the character offset of the first problem.
    public init(parsing source: String) throws(CronError) {
        let text = Array(source)
        let fields = Self.splitFields(text)
        guard let first = fields.first else { throw .empty() }
        var ranges = fields
        var macroText = [Character]()
        if text[first.lowerBound] == "@" {
            let name = String(text[first])
            guard let expansion = Self.macros[name.lowercased()] else {
                if name.lowercased() == "@reboot" { throw .unsupported(name, at: first.lowerBound) }
                throw .unknownMacro(name, at: first.lowerBound)
            }
            if fields.count > 1 { throw .textAfterMacro(name, at: fields[1].lowerBound) }
            // Offsets into the expansion cannot fail: it is known to be valid.
            macroText = Array(expansion)
            ranges = Self.splitFields(macroText)
        }
        guard ranges.count == 5 else {
            let offset = ranges.count > 5 ? ranges[5].lowerBound : (ranges.last?.upperBound ?? 0)
            throw .fieldCount(ranges.count, at: offset)
        }
        let parseText = macroText.isEmpty ? text : macroText
        var results: [CronFieldParser.Result] = []
        for (field, range) in zip(CronField.allCases, ranges) {
            results.append(try CronFieldParser.parse(parseText, range: range, field: field))
        }
        self.init(source: source, fields: results)
    }

    private init(source: String, fields: [CronFieldParser.Result]) {
        self.source = source
        minutes = fields[0].bits
        hours = fields[1].bits
        daysOfMonth = fields[2].bits
        months = fields[3].bits
        daysOfWeek = fields[4].bits
        daysMustMatchBoth = fields[2].startsWithStar || fields[4].startsWithStar
        fixedTime = !fields[0].startsWithStar && !fields[1].startsWithStar
        var pattern: UInt64 = 0
        for k in 0..<42 where daysOfWeek & (1 << UInt64(k % 7)) != 0 {
            pattern |= 1 << UInt64(k)
        }
        weekPattern = pattern
        // Every month has every weekday, and over the 400-year cycle every (month, day)
        // pair falls on every weekday; so only a day-of-month that no chosen month has
        // (with both fields required) can make the expression never match.
        if daysMustMatchBoth {
            let longest = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let monthBits = fields[3].bits
            let dayBits = fields[2].bits
            canMatchSomeDay = (1...12).contains { month in
                monthBits & (1 << UInt64(month)) != 0 && dayBits & ((2 << UInt64(longest[month])) - 2) != 0
            }
        } else {
            canMatchSomeDay = true
        }
    }

    /// Splits the text into fields: maximal runs of characters other than whitespace.
    private static func splitFields(_ text: [Character]) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var start: Int?
        for (i, c) in text.enumerated() {
            if c.isWhitespace {
                if let s = start { fields.append(s..<i) }
                start = nil
            } else if start == nil {
                start = i
            }
        }
        if let s = start { fields.append(s..<text.count) }
        return fields
    }

    private static let macros: [String: String] = [
        "@hourly": "0 * * * *",
        "@daily": "0 0 * * *",
        "@midnight": "0 0 * * *",
        "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *",
        "@yearly": "0 0 1 1 *",
        "@annually": "0 0 1 1 *",
    ]
}
