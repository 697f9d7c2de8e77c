public import RunnelCore

/// Replaces secret values with `***` wherever they appear: whole strings, inside longer
/// strings, in keys and nested values of outputs, in error messages and logs — in each of
/// the forms that ``SecretEncodings`` lists (raw, JSON-escaped, URL-encoded, base64).
///
/// Values shorter than ``minimumLength`` are not masked (masking `a` would mask every `a`);
/// longer values are replaced longest first, so a secret containing another is masked whole.
public struct SecretMasker: Sendable {
    /// Shorter values are left alone.
    public static let minimumLength = 4
    private let values: [String]

    /// A masker for the values of `store`.
    public init(_ store: any SecretStore) {
        self.init(values: store.allValues)
    }

    /// A masker for `values`.
    public init(values: [String]) {
        let forms = values.reduce(into: Set<String>()) { $0.formUnion(SecretEncodings.forms(of: $1, minimum: SecretMasker.minimumLength)) }
        self.values = forms.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
    }

    /// Whether there is nothing to mask.
    public var isEmpty: Bool { values.isEmpty }

    /// `text` with every secret value replaced by `***`.
    public func mask(_ text: String) -> String {
        guard !values.isEmpty else { return text }
        var result = text
        for value in values where result.contains(value) {
            result = result.replacing(value, with: "***")
        }
        return result
    }

    /// `value` with every string (and object key) masked.
    public func mask(_ value: JSONValue) -> JSONValue {
        guard !values.isEmpty else { return value }
        switch value {
        case .string(let s): return .string(mask(s))
        case .array(let items): return .array(items.map(mask))
        case .object(let members):
            return .object(Dictionary(members.map { (mask($0.key), mask($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: return value
        }
    }
}
