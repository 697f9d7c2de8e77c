/// A small JSON Schema checker for agent tool arguments and answers: `type` (one or a list;
/// `integer` included), `properties`, `required`, `additionalProperties` (a boolean or a
/// schema), `items`, `enum`, `const`, `minimum`/`maximum`, `exclusiveMinimum`/`exclusiveMaximum`,
/// `minLength`/`maxLength`, `minItems`/`maxItems`, and `anyOf`. Other keywords are ignored.
public enum JSONSchema {
    /// The places where `value` breaks `schema`, as `path: problem` (`$` is the root,
    /// `$.items[2].name` a nested value); empty when it matches.
    public static func problems(_ value: JSONValue, against schema: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, schema, path: "$", into: &problems)
        return problems
    }

    private static func check(_ value: JSONValue, _ schema: JSONValue, path: String, into problems: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { problems.append("\(path): no value is allowed here") }
            return
        }
        guard case .object(let keywords) = schema else { return }
        if let type = keywords["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            if !names.isEmpty, !names.contains(where: { matches(value, type: $0) }) {
                problems.append("\(path): expected \(names.joined(separator: " or ")), got \(describe(value))")
                return
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(value) {
            problems.append("\(path): must be one of \(options.map { $0.serialized() }.joined(separator: ", "))")
        }
        if let constant = keywords["const"], constant != value {
            problems.append("\(path): must be \(constant.serialized())")
        }
        if let options = keywords["anyOf"]?.arrayValue, !options.isEmpty,
           !options.contains(where: { JSONSchema.problems(value, against: $0).isEmpty }) {
            problems.append("\(path): matches none of the allowed shapes (anyOf)")
        }
        switch value {
        case .number(let number):
            bound(number, keywords, path: path, into: &problems)
        case .string(let text):
            let count = text.count
            if let least = keywords["minLength"]?.numberValue, Double(count) < least {
                problems.append("\(path): must be at least \(JSONValue.format(number: least)) characters long")
            }
            if let most = keywords["maxLength"]?.numberValue, Double(count) > most {
                problems.append("\(path): must be at most \(JSONValue.format(number: most)) characters long")
            }
        case .array(let items):
            if let least = keywords["minItems"]?.numberValue, Double(items.count) < least {
                problems.append("\(path): must have at least \(JSONValue.format(number: least)) items")
            }
            if let most = keywords["maxItems"]?.numberValue, Double(items.count) > most {
                problems.append("\(path): must have at most \(JSONValue.format(number: most)) items")
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() { check(item, itemSchema, path: "\(path)[\(index)]", into: &problems) }
            }
        case .object(let members):
            let properties = keywords["properties"]?.objectValue ?? [:]
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                problems.append("\(path): missing required property '\(name)'")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                let childPath = "\(path).\(name)"
                if let propertySchema = properties[name] {
                    check(member, propertySchema, path: childPath, into: &problems)
                } else if let extra = keywords["additionalProperties"] {
                    if extra == .bool(false) {
                        problems.append("\(path): unexpected property '\(name)'")
                    } else {
                        check(member, extra, path: childPath, into: &problems)
                    }
                }
            }
        default:
            break
        }
    }

    private static func bound(_ number: Double, _ keywords: [String: JSONValue], path: String, into problems: inout [String]) {
        if let least = keywords["minimum"]?.numberValue, number < least {
            problems.append("\(path): must be at least \(JSONValue.format(number: least))")
        }
        if let most = keywords["maximum"]?.numberValue, number > most {
            problems.append("\(path): must be at most \(JSONValue.format(number: most))")
        }
        if let least = keywords["exclusiveMinimum"]?.numberValue, number <= least {
            problems.append("\(path): must be greater than \(JSONValue.format(number: least))")
        }
        if let most = keywords["exclusiveMaximum"]?.numberValue, number >= most {
            problems.append("\(path): must be less than \(JSONValue.format(number: most))")
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
             ("array", .array), ("object", .object): true
        case ("integer", .number): value.isInteger
        default: false
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        if case .number = value, value.isInteger { return "integer" }
        return value.typeName
    }
}
