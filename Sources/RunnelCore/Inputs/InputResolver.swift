/// Checks a run's inputs against the workflow's declaration and fills in defaults.
public enum InputResolver {
    /// The inputs a run gets: every given value checked against its declared type and `enum`,
    /// defaults added for missing ones, required ones present.
    /// - Throws: ``InputError`` naming the first field that doesn't fit (all problems are in
    ///   its `problems`).
    public static func resolve(_ given: [String: JSONValue], against specs: [InputSpec]) throws(InputError) -> [String: JSONValue] {
        var problems: [String] = []
        var resolved: [String: JSONValue] = [:]
        for key in given.keys.sorted() where !specs.contains(where: { $0.name.value == key }) {
            let declared = specs.map(\.name.value)
            var problem = "input '\(key)' is not declared"
            if let suggestion = Spelling.closest(to: key, in: declared) {
                problem += "; did you mean '\(suggestion)'?"
            } else if !declared.isEmpty {
                problem += " (declared: \(declared.joined(separator: ", ")))"
            }
            problems.append(problem)
        }
        for spec in specs {
            let name = spec.name.value
            guard let value = given[name], value != .null else {
                if let defaultValue = spec.defaultValue {
                    resolved[name] = defaultValue.value
                } else if spec.required {
                    problems.append("input '\(name)' is required")
                }
                continue
            }
            guard spec.type.accepts(value) else {
                problems.append("input '\(name)' must be \(InputDefaultRule.article(spec.type)), not \(value.typeName) \(Self.preview(value))")
                continue
            }
            if let allowed = spec.allowedValues, !allowed.contains(value) {
                problems.append("input '\(name)' must be one of \(allowed.map { $0.serialized() }.joined(separator: ", ")), not \(value.serialized())")
                continue
            }
            resolved[name] = value
        }
        if !problems.isEmpty { throw InputError(problems: problems) }
        return resolved
    }

    /// Parses `key=value` as given on a command line: the value is read as JSON when it is a
    /// number, `true`/`false`/`null`, an array or an object, and as a string otherwise; when the
    /// input is declared as a string it is always a string.
    public static func parseAssignment(_ text: String, specs: [InputSpec]) throws(InputError) -> (String, JSONValue) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw InputError(problems: ["'\(text)' is not key=value"])
        }
        let key = String(text[..<equals])
        let raw = String(text[text.index(after: equals)...])
        if specs.first(where: { $0.name.value == key })?.type == .string { return (key, .string(raw)) }
        if let value = try? JSONParser.parse(raw) { return (key, value) }
        return (key, .string(raw))
    }

    /// A value as shown in a problem: its JSON, cut at 40 characters.
    static func preview(_ value: JSONValue) -> String {
        let text = value.serialized()
        return text.count > 40 ? String(text.prefix(37)) + "…" : text
    }
}

/// Inputs that don't match the declaration.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Every problem, one sentence each.
    public var problems: [String]
    public var description: String { problems.joined(separator: "; ") }
}
