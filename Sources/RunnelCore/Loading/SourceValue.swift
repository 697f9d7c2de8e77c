/// A YAML value with the position of every node, the form the loader reads from.
///
/// Scalars are resolved with the YAML 1.2 core schema: a plain `10` is a number, a quoted
/// `"10"` is a string, `true`/`false` are booleans, `~`/`null`/empty are null.
public struct SourceValue: Sendable, Hashable {
    /// One member of a mapping, keeping the key's position.
    public struct Member: Sendable, Hashable {
        /// The key (always a string; non-string keys are reported by the loader).
        public var key: Located<String>
        /// The member's value.
        public var value: SourceValue

        /// Creates a member.
        public init(key: Located<String>, value: SourceValue) {
            self.key = key
            self.value = value
        }
    }

    /// The shape of the value.
    public enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([SourceValue])
        case object([Member])
    }

    /// The value.
    public var kind: Kind
    /// Where the node starts in the file.
    public var location: SourceLocation

    /// Creates a value.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The value without positions.
    public var json: JSONValue {
        switch kind {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(\.json))
        case .object(let members):
            .object(Dictionary(members.map { ($0.key.value, $0.value.json) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The string, when the value is one.
    public var string: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The members, when the value is a mapping.
    public var members: [Member]? {
        if case .object(let m) = kind { return m }
        return nil
    }

    /// The items, when the value is a sequence.
    public var items: [SourceValue]? {
        if case .array(let a) = kind { return a }
        return nil
    }

    /// Member `key` of a mapping, or `nil`.
    public subscript(key: String) -> SourceValue? {
        members?.first { $0.key.value == key }?.value
    }

    /// A readable name of the value's type for error messages ("a string", "a mapping").
    public var typeDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a sequence"
        case .object: "a mapping"
        }
    }

    /// Calls `body` with every string in the value, depth first, in file order.
    public func forEachString(_ body: (String, SourceLocation) -> Void) {
        switch kind {
        case .string(let s): body(s, location)
        case .array(let items): for item in items { item.forEachString(body) }
        case .object(let members):
            for member in members { member.value.forEachString(body) }
        default: break
        }
    }
}
