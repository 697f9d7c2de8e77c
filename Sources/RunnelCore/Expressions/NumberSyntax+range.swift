extension NumberSyntax {
    /// Why a number literal's value is not what the literal says, or `nil` when it is:
    /// beyond ±1.8e308 a literal reads as infinity, below ±4.9e-324 (and not zero) as 0.
    /// YAML, JSON and expression literals are all refused on this, with the same words.
    /// - Parameters:
    ///   - literal: The literal as written (decimal, `0x`/`0o` or with an exponent).
    ///   - value: What it parsed to.
    static func rangeProblem(_ literal: some Collection<UInt8>, value: Double) -> String? {
        let text = String(decoding: literal, as: UTF8.self)
        if value.isInfinite { return "number \(text) is too large (the largest is about 1.8e308)" }
        guard value == 0 else { return nil }
        let unsigned = literal.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        // Hex and octal digits never underflow; a decimal mantissa with a non-zero digit does.
        if unsigned.count > 1, unsigned.dropFirst().first.map({ $0 | 0x20 == UInt8(ascii: "x") || $0 | 0x20 == UInt8(ascii: "o") }) == true {
            return nil
        }
        let mantissa = unsigned.prefix { $0 | 0x20 != UInt8(ascii: "e") }
        guard mantissa.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return "number \(text) is too small to represent (it would be read as 0)"
    }
}
