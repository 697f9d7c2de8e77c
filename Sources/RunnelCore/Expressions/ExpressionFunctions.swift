/// The built-in functions of the expression language. Names are case-insensitive.
enum ExpressionFunctions {
    /// Calls function `name` (as written) with evaluated arguments.
    /// - Throws: ``ExpressionError`` at `offset` for an unknown function, a wrong argument
    ///   count, or a failure of the function itself.
    static func call(
        _ name: String, _ arguments: [JSONValue], offset: Int, context: EvaluationContext
    ) throws(ExpressionError) -> JSONValue {
        let key = name.lowercased()
        guard let arity = Expression.functions[key] else {
            throw ExpressionError(message: "unknown function '\(name)'", offset: offset)
        }
        guard arity.contains(arguments.count) else {
            throw .function(name, "expects \(describe(arity)), got \(arguments.count)", at: offset)
        }
        switch key {
        case "contains": return .bool(contains(arguments[0], arguments[1]))
        case "startswith": return .bool(affix(arguments[0], arguments[1], CaseFolding.hasPrefix))
        case "endswith": return .bool(affix(arguments[0], arguments[1], CaseFolding.hasSuffix))
        case "format": return .string(try ExpressionFormat.format(arguments, function: name, offset: offset))
        case "join": return .string(join(arguments))
        case "tojson": return .string(arguments[0].serialized(pretty: true))
        case "fromjson": return try fromJSON(arguments[0], function: name, offset: offset)
        case "success": return .bool(!context.anyStepFailed && !context.cancelled)
        case "failure": return .bool(context.anyStepFailed)
        case "always": return .bool(true)
        case "cancelled": return .bool(context.cancelled)
        default: throw ExpressionError(message: "unknown function '\(name)'", offset: offset)
        }
    }

    private static func describe(_ arity: ClosedRange<Int>) -> String {
        let noun = arity.upperBound == 1 ? "argument" : "arguments"
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) \(noun)" }
        return "\(arity.lowerBound) to \(arity.upperBound) \(noun)"
    }

    /// `contains(search, item)`: in a string, a case-insensitive substring test (both cast to
    /// string); in an array, whether an element `==` the item. Anything else gives `false`.
    static func contains(_ search: JSONValue, _ item: JSONValue) -> Bool {
        switch search {
        case .array(let elements):
            return elements.contains { JSONValue.expressionEquals($0, item) }
        case .object:
            return false
        default:
            guard item.isPrimitive else { return false }
            return CaseFolding.contains(search.expressionString, item.expressionString)
        }
    }

    /// `startsWith` / `endsWith`: case-insensitive; both arguments must be primitives (cast to
    /// string), otherwise the result is `false`, as in GitHub.
    private static func affix(_ value: JSONValue, _ part: JSONValue, _ test: (String, String) -> Bool) -> Bool {
        guard value.isPrimitive, part.isPrimitive else { return false }
        return test(value.expressionString, part.expressionString)
    }

    /// `join(array, separator = ',')`: elements cast to string; a primitive is returned cast to
    /// string; an object gives `''`.
    private static func join(_ arguments: [JSONValue]) -> String {
        let separator = arguments.count > 1 && arguments[1].isPrimitive ? arguments[1].expressionString : ","
        switch arguments[0] {
        case .array(let elements): return elements.map(\.expressionString).joined(separator: separator)
        case .object: return ""
        case let value: return value.expressionString
        }
    }

    private static func fromJSON(_ argument: JSONValue, function: String, offset: Int) throws(ExpressionError) -> JSONValue {
        let text = argument.expressionString
        do {
            return try JSONParser.parse(text)
        } catch {
            throw .function(function, "invalid JSON: \(error.message) at offset \(error.offset)", at: offset)
        }
    }
}
