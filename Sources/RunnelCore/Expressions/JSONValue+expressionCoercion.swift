/// The expression language's coercion rules (GitHub Actions' documented rules, plus Runnel's
/// decisions for arrays and objects).
extension JSONValue {
    /// Truthiness: `false`, `0`, `-0`, `NaN`, `''` and `null` are falsy; everything else,
    /// including every array and object, is truthy.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .number(let n): !(n == 0 || n.isNaN)
        case .string(let s): !s.isEmpty
        case .array, .object: true
        }
    }

    /// The value cast to a number: `null` → 0, `true` → 1, `false` → 0, a string parsed (after
    /// trimming whitespace; `''` → 0; hex `0x…` and exponents accepted; otherwise NaN), and an
    /// array or object → NaN. Whitespace means ASCII whitespace, as in GitHub's runner.
    var expressionNumber: Double {
        switch self {
        case .null: 0
        case .bool(let b): b ? 1 : 0
        case .number(let n): n
        case .string(let s): NumberSyntax.coerce(s)
        case .array, .object: .nan
        }
    }

    /// Whether the value is a primitive: null, boolean, number or string.
    var isPrimitive: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// The value cast to a string, as for interpolation and string functions.
    ///
    /// `null` → `''`; booleans → `'true'`/`'false'`; numbers as JSON prints them (`10`, `2.5`),
    /// with `NaN`, `Infinity` and `-Infinity` for the non-finite ones; strings as they are.
    /// Arrays and objects become their compact JSON (`[1,2]`, `{"a":1}`): a Runnel decision,
    /// more useful than GitHub's `Array` / `Object`.
    var expressionString: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n):
            if n.isNaN {
                "NaN"
            } else if n.isInfinite {
                n > 0 ? "Infinity" : "-Infinity"
            } else {
                JSONValue.format(number: n)
            }
        case .string(let s): s
        case .array, .object: serialized()
        }
    }

    /// `==` of the language.
    ///
    /// Same types: null equals null, booleans and numbers by value (NaN equals nothing), strings
    /// ignoring case, arrays element by element and objects key by key with this same `==`
    /// (deep equality: a Runnel decision, since a value has no identity to compare as GitHub
    /// does). Different types: both sides are cast to numbers (arrays and objects give NaN).
    static func expressionEquals(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return CaseFolding.equal(a, b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { expressionEquals($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], expressionEquals(value, other) else { return false }
            }
            return true
        default:
            return lhs.expressionNumber == rhs.expressionNumber
        }
    }

    /// The order of two values for `<` `<=` `>` `>=`, or `nil` when they are not ordered
    /// (NaN involved, or arrays / objects).
    ///
    /// Strings compare ignoring case, scalar by scalar; mixed types compare as numbers.
    static func expressionOrder(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            return CaseFolding.compare(a, b)
        case (.array, _), (.object, _), (_, .array), (_, .object):
            return nil
        default:
            let a = lhs.expressionNumber
            let b = rhs.expressionNumber
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        }
    }
}
