/// Checks the parameters given to a template against its `parameters:` declarations.
public enum TemplateParameters {
    /// The values a template is filled with: each given value checked against its declared
    /// type and `enum`, defaults added for missing ones, required ones present, unknown names
    /// refused. A parameter that is neither given nor defaulted is `null`.
    /// - Throws: ``InstantiationError`` of kind `parameters`, with one problem per parameter.
    public static func resolve(_ given: [String: JSONValue], against specs: [InputSpec]) throws(InstantiationError) -> [String: JSONValue] {
        var problems: [InstantiationError.Problem] = []
        let declared = specs.map(\.name.value)
        for key in given.keys.sorted() where !declared.contains(key) {
            var message = "parameter '\(key)' is not declared"
            if let suggestion = Spelling.closest(to: key, in: declared) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += declared.isEmpty ? " (the template has no parameters)" : " (declared: \(declared.joined(separator: ", ")))"
            }
            problems.append(.init(parameter: key, message: message))
        }
        var resolved: [String: JSONValue] = [:]
        for spec in specs {
            let name = spec.name.value
            guard let value = given[name], value != .null else {
                if let defaultValue = spec.defaultValue {
                    resolved[name] = defaultValue.value
                } else if spec.required {
                    problems.append(.init(parameter: name, message: "parameter '\(name)' is required"))
                } else {
                    resolved[name] = .null
                }
                continue
            }
            guard spec.type.accepts(value) else {
                problems.append(.init(parameter: name, message: "parameter '\(name)' must be \(InputDefaultRule.article(spec.type)), not \(value.typeName) \(InputResolver.preview(value))"))
                continue
            }
            if let allowed = spec.allowedValues, !allowed.contains(value) {
                problems.append(.init(parameter: name, message: "parameter '\(name)' must be one of \(allowed.map { $0.serialized() }.joined(separator: ", ")), not \(value.serialized())"))
                continue
            }
            if containsExpressionMarks(value) {
                problems.append(.init(parameter: name, message: "parameter '\(name)' must not contain '${{': a value is filled in as text, never as an expression"))
                continue
            }
            resolved[name] = value
        }
        if !problems.isEmpty { throw .parameters(problems) }
        return resolved
    }

    /// Parses `key=value` as given with `--set`: JSON when the value reads as JSON (numbers,
    /// `true`, arrays, objects), otherwise a string; always a string for a `string` parameter.
    public static func parseAssignment(_ text: String, specs: [InputSpec]) throws(InstantiationError) -> (String, JSONValue) {
        do {
            return try InputResolver.parseAssignment(text, specs: specs)
        } catch {
            throw .parameters([.init(parameter: text, message: "'\(text)' is not key=value")])
        }
    }

    private static func containsExpressionMarks(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): s.contains("${{")
        case .array(let items): items.contains(where: containsExpressionMarks)
        case .object(let members): members.keys.contains { $0.contains("${{") } || members.values.contains(where: containsExpressionMarks)
        default: false
        }
    }
}
