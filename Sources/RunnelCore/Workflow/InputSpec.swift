/// A declared run input (or template parameter).
public struct InputSpec: Sendable, Hashable {
    /// The input's name.
    public var name: Located<String>
    /// Its type.
    public var type: InputType
    /// Whether a run must supply it (when it has no default).
    public var required: Bool
    /// Value used when the run doesn't supply one.
    public var defaultValue: Located<JSONValue>?
    /// The allowed values, when restricted.
    public var allowedValues: [JSONValue]?
    /// Human description.
    public var description: String?
    /// Where the input's declaration starts.
    public var location: SourceLocation
}

/// The type of an input.
public enum InputType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, object, array

    /// Whether `value` has this type (an integer is a number with no fraction).
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object), (.array, .array): true
        case (.integer, .number): value.isInteger
        default: false
        }
    }
}
