/// Case-insensitive string comparison as the expression language does it.
///
/// Like GitHub's `OrdinalIgnoreCase`: each scalar is mapped to its simple upper-case form (ASCII
/// on a fast path; a scalar whose upper case is several scalars, such as `ß`, stays as it is,
/// and so does the dotless `ı`), then scalars are compared by value, with no Unicode
/// normalisation.
enum CaseFolding {
    /// The folded value of one scalar.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 {
            return value >= 0x61 && value <= 0x7A ? value - 0x20 : value
        }
        if value == 0x131 { return value }
        let upper = scalar.properties.uppercaseMapping.unicodeScalars
        guard let first = upper.first, upper.index(after: upper.startIndex) == upper.endIndex else { return value }
        return first.value
    }

    /// The folded scalars of `string`.
    static func folded(_ string: String) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars { result.append(fold(scalar)) }
        return result
    }

    /// Whether `a` and `b` are equal ignoring case.
    static func equal(_ a: String, _ b: String) -> Bool {
        var left = a.unicodeScalars.makeIterator()
        var right = b.unicodeScalars.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let l?, let r?): if fold(l) != fold(r) { return false }
            default: return false
            }
        }
    }

    /// Orders `a` and `b` ignoring case: negative, zero or positive.
    static func compare(_ a: String, _ b: String) -> Int {
        var left = a.unicodeScalars.makeIterator()
        var right = b.unicodeScalars.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let l?, let r?):
                let (x, y) = (fold(l), fold(r))
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// Whether `string` starts with `prefix`, ignoring case.
    static func hasPrefix(_ string: String, _ prefix: String) -> Bool {
        var iterator = string.unicodeScalars.makeIterator()
        for scalar in prefix.unicodeScalars {
            guard let other = iterator.next(), fold(other) == fold(scalar) else { return false }
        }
        return true
    }

    /// Whether `string` ends with `suffix`, ignoring case.
    static func hasSuffix(_ string: String, _ suffix: String) -> Bool {
        let haystack = folded(string)
        let needle = folded(suffix)
        return needle.count <= haystack.count && haystack.suffix(needle.count).elementsEqual(needle)
    }

    /// Whether `string` contains `part`, ignoring case.
    static func contains(_ string: String, _ part: String) -> Bool {
        let needle = folded(part)
        if needle.isEmpty { return true }
        let haystack = folded(string)
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
