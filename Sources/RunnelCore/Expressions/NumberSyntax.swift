/// The number syntax shared by numeric literals and string-to-number coercion.
///
/// Accepted: an optional sign, then decimal digits with an optional fraction and exponent
/// (`12`, `2.5`, `.5`, `1.`, `2.5e3`, `1E-2`), hex `0xff`, octal `0o17`, or `Infinity`.
enum NumberSyntax {
    /// Parses `scalars` entirely as a number, or returns `nil`.
    static func parse(_ scalars: some Collection<Unicode.Scalar>) -> Double? {
        var index = scalars.startIndex
        let end = scalars.endIndex
        guard index < end else { return nil }
        var negative = false
        if scalars[index] == "-" || scalars[index] == "+" {
            negative = scalars[index] == "-"
            index = scalars.index(after: index)
        }
        let body = scalars[index..<end]
        guard let magnitude = parseUnsigned(body) else { return nil }
        return negative ? -magnitude : magnitude
    }

    private static func parseUnsigned(_ scalars: some Collection<Unicode.Scalar>) -> Double? {
        guard let first = scalars.first else { return nil }
        if first == "I" {
            return scalars.elementsEqual("Infinity".unicodeScalars) ? .infinity : nil
        }
        if first == "0", scalars.count > 2 {
            let marker = scalars[scalars.index(after: scalars.startIndex)]
            let digits = scalars.dropFirst(2)
            switch marker {
            case "x", "X": return integer(digits, radix: 16)
            case "o", "O": return integer(digits, radix: 8)
            default: break
            }
        }
        return decimal(scalars)
    }

    private static func integer(_ digits: some Collection<Unicode.Scalar>, radix: Int) -> Double? {
        var value = 0.0
        for scalar in digits {
            guard let digit = digitValue(scalar), digit < radix else { return nil }
            value = value * Double(radix) + Double(digit)
        }
        return value
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0x61...0x66: Int(scalar.value - 0x61 + 10)
        case 0x41...0x46: Int(scalar.value - 0x41 + 10)
        default: nil
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    /// `digits [. digits] [e [+-] digits]` with at least one digit in the mantissa.
    private static func decimal(_ scalars: some Collection<Unicode.Scalar>) -> Double? {
        var text = ""
        var mantissaDigits = 0
        var state = 0  // 0 integer part, 1 fraction, 2 exponent sign allowed, 3 exponent digits
        var exponentDigits = 0
        for scalar in scalars {
            switch state {
            case 0, 1:
                if isDigit(scalar) {
                    mantissaDigits += 1
                } else if scalar == ".", state == 0 {
                    state = 1
                } else if scalar == "e" || scalar == "E" {
                    state = 2
                } else {
                    return nil
                }
            case 2:
                if scalar == "+" || scalar == "-" {
                    state = 3
                } else if isDigit(scalar) {
                    state = 3
                    exponentDigits += 1
                } else {
                    return nil
                }
            default:
                guard isDigit(scalar) else { return nil }
                exponentDigits += 1
            }
            text.unicodeScalars.append(scalar)
        }
        guard mantissaDigits > 0, state < 2 || exponentDigits > 0 else { return nil }
        return Double(text)
    }
}
