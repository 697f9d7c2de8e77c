/// The number syntax shared by numeric literals and string-to-number coercion, over UTF-8.
///
/// Accepted: an optional sign, then decimal digits with an optional fraction and exponent
/// (`12`, `2.5`, `.5`, `1.`, `2.5e3`, `1E-2`), hex `0xff`, octal `0o17`, or `Infinity`.
enum NumberSyntax {
    /// Parses `bytes` entirely as a number, or returns `nil`.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            guard let magnitude = parseUnsigned(bytes.dropFirst()) else { return nil }
            return first == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        return parseUnsigned(bytes)
    }

    /// Parses a string as the language casts it to a number: ASCII whitespace around it is
    /// ignored, an empty string is 0, anything unparsable is NaN.
    static func coerce(_ string: String) -> Double {
        let bytes = Array(string.utf8)[...]
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return 0 }
        return parse(bytes[first...last]) ?? .nan
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func parseUnsigned(_ bytes: ArraySlice<UInt8>) -> Double? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "I") {
            return bytes.elementsEqual("Infinity".utf8) ? .infinity : nil
        }
        if first == UInt8(ascii: "0"), bytes.count > 2 {
            let marker = bytes[bytes.startIndex + 1]
            let digits = bytes.dropFirst(2)
            switch marker {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): return integer(digits, radix: 16)
            case UInt8(ascii: "o"), UInt8(ascii: "O"): return integer(digits, radix: 8)
            default: break
            }
        }
        return decimal(bytes)
    }

    private static func integer(_ digits: ArraySlice<UInt8>, radix: Int) -> Double? {
        var value = 0.0
        for byte in digits {
            guard let digit = digitValue(byte), digit < radix else { return nil }
            value = value * Double(radix) + Double(digit)
        }
        return value
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `digits [. digits] [e [+-] digits]` with at least one digit in the mantissa.
    private static func decimal(_ bytes: ArraySlice<UInt8>) -> Double? {
        var mantissaDigits = 0
        var state = 0  // 0 integer part, 1 fraction, 2 exponent sign allowed, 3 exponent digits
        var exponentDigits = 0
        for byte in bytes {
            switch state {
            case 0, 1:
                if isDigit(byte) {
                    mantissaDigits += 1
                } else if byte == UInt8(ascii: "."), state == 0 {
                    state = 1
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    state = 2
                } else {
                    return nil
                }
            case 2:
                guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || isDigit(byte) else { return nil }
                if isDigit(byte) { exponentDigits += 1 }
                state = 3
            default:
                guard isDigit(byte) else { return nil }
                exponentDigits += 1
            }
        }
        guard mantissaDigits > 0, state < 2 || exponentDigits > 0 else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
