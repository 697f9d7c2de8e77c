extension Duration {
    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("ms", 1), ("m", 60_000), ("s", 1000),
    ]

    /// Parses `30s`, `5m`, `1h30m`, `250ms` or `2d`: number-unit pairs, largest unit first.
    /// Returns `nil` for anything else.
    public init?(parsing text: String) {
        var rest = Substring(text)
        while rest.first == " " { rest = rest.dropFirst() }
        while rest.last == " " { rest = rest.dropLast() }
        guard !rest.isEmpty else { return nil }
        var total: Int64 = 0
        var lastUnit = Int64.max
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // `ms` is listed before `m` so that `250ms` is not read as minutes.
            guard let unit = Duration.units.first(where: { rest.hasPrefix($0.suffix) }), unit.milliseconds < lastUnit else {
                return nil
            }
            lastUnit = unit.milliseconds
            rest = rest.dropFirst(unit.suffix.count)
            total += number * unit.milliseconds
        }
        self = .milliseconds(total)
    }

    /// Whole milliseconds.
    public var totalMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// The duration in seconds, with its fraction.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in the file format's notation (`1h30m`).
    public var compactDescription: String {
        var rest = totalMilliseconds
        if rest == 0 { return "0s" }
        var text = ""
        for (suffix, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] where rest >= size {
            text += "\(rest / size)\(suffix)"
            rest %= size
        }
        return text
    }
}
