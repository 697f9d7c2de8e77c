/// A minimal JSON Schema validator, for approval inputs, agent tool arguments and answers:
/// `type` (a name or a list; `integer` included), `properties`, `required`,
/// `additionalProperties` (a boolean or a schema), `items`, `enum`, `const`, `anyOf`,
/// `minimum`/`maximum`, `exclusiveMinimum`/`exclusiveMaximum`, `minLength`/`maxLength`,
/// `minItems`/`maxItems`. Other keywords are ignored.
public struct JSONSchema: Sendable, Hashable {
    /// The schema, as JSON.
    public var schema: JSONValue

    /// Wraps a schema.
    public init(_ schema: JSONValue) { self.schema = schema }

    /// What is wrong with `value`, each problem naming where (`/field/0`); empty when it matches.
    public func problems(with value: JSONValue) -> [JSONSchemaProblem] {
        var problems: [JSONSchemaProblem] = []
        Self.check(value, against: schema, at: "", into: &problems)
        return problems
    }

    /// Whether `value` matches.
    public func matches(_ value: JSONValue) -> Bool { problems(with: value).isEmpty }

    /// The problems of `value` against `schema`, one line each (`/field: problem`).
    public static func problems(_ value: JSONValue, against schema: JSONValue) -> [String] {
        JSONSchema(schema).problems(with: value).map(\.description)
    }
}

/// One way a value fails its schema.
public struct JSONSchemaProblem: Sendable, Hashable, CustomStringConvertible {
    /// A JSON Pointer to the value (empty for the whole value).
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
