import Foundation

extension JSONSchema {
    static func check(_ value: JSONValue, against schema: JSONValue, at path: String, into problems: inout [JSONSchemaProblem]) {
        if case .bool(let allowed) = schema {
            if !allowed { problems.append(JSONSchemaProblem(path: path, message: "no value is allowed here")) }
            return
        }
        guard case .object(let keywords) = schema else { return }
        if let type = keywords["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            if !names.isEmpty, !names.contains(where: { matches(value, type: $0) }) {
                problems.append(JSONSchemaProblem(path: path, message: "must be \(names.joined(separator: " or ")), not \(value.typeName)"))
                return
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(where: { equal($0, value) }) {
            let list = options.map { $0.serialized() }.joined(separator: ", ")
            problems.append(JSONSchemaProblem(path: path, message: "must be one of \(list)"))
        }
        if let constant = keywords["const"], !equal(constant, value) {
            problems.append(JSONSchemaProblem(path: path, message: "must be \(constant.serialized())"))
        }
        if let options = keywords["anyOf"]?.arrayValue, !options.isEmpty,
           !options.contains(where: { JSONSchema($0).matches(value) }) {
            problems.append(JSONSchemaProblem(path: path, message: "matches none of the allowed shapes (anyOf)"))
        }
        switch value {
        case .number(let number): checkNumber(number, keywords, path, &problems)
        case .string(let text): checkString(text, keywords, path, &problems)
        case .array(let items): checkArray(items, keywords, path, &problems)
        case .object(let members): checkObject(members, keywords, path, &problems)
        default: break
        }
    }

    private static func checkNumber(_ number: Double, _ keywords: [String: JSONValue], _ path: String, _ problems: inout [JSONSchemaProblem]) {
        if let minimum = keywords["minimum"]?.numberValue, number < minimum {
            problems.append(JSONSchemaProblem(path: path, message: "must be at least \(JSONValue.number(minimum).serialized())"))
        }
        if let maximum = keywords["maximum"]?.numberValue, number > maximum {
            problems.append(JSONSchemaProblem(path: path, message: "must be at most \(JSONValue.number(maximum).serialized())"))
        }
        if let bound = keywords["exclusiveMinimum"]?.numberValue, number <= bound {
            problems.append(JSONSchemaProblem(path: path, message: "must be more than \(JSONValue.number(bound).serialized())"))
        }
        if let bound = keywords["exclusiveMaximum"]?.numberValue, number >= bound {
            problems.append(JSONSchemaProblem(path: path, message: "must be less than \(JSONValue.number(bound).serialized())"))
        }
    }

    private static func checkString(_ text: String, _ keywords: [String: JSONValue], _ path: String, _ problems: inout [JSONSchemaProblem]) {
        if let minimum = keywords["minLength"]?.numberValue, Double(text.count) < minimum {
            problems.append(JSONSchemaProblem(path: path, message: "must be at least \(JSONValue.format(number: minimum)) characters long"))
        }
        if let maximum = keywords["maxLength"]?.numberValue, Double(text.count) > maximum {
            problems.append(JSONSchemaProblem(path: path, message: "must be at most \(JSONValue.format(number: maximum)) characters long"))
        }
    }

    private static func checkArray(_ items: [JSONValue], _ keywords: [String: JSONValue], _ path: String, _ problems: inout [JSONSchemaProblem]) {
        if let minimum = keywords["minItems"]?.numberValue, Double(items.count) < minimum {
            problems.append(JSONSchemaProblem(path: path, message: "must have at least \(JSONValue.format(number: minimum)) items"))
        }
        if let maximum = keywords["maxItems"]?.numberValue, Double(items.count) > maximum {
            problems.append(JSONSchemaProblem(path: path, message: "must have at most \(JSONValue.format(number: maximum)) items"))
        }
        if let itemSchema = keywords["items"] {
            for (index, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)/\(index)", into: &problems) }
        }
    }

    private static func checkObject(_ members: [String: JSONValue], _ keywords: [String: JSONValue], _ path: String,
                                    _ problems: inout [JSONSchemaProblem]) {
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            problems.append(JSONSchemaProblem(path: path + "/" + escape(name), message: "is required"))
        }
        let properties = keywords["properties"]?.objectValue ?? [:]
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let memberPath = path + "/" + escape(name)
            if let propertySchema = properties[name] {
                check(member, against: propertySchema, at: memberPath, into: &problems)
            } else if let additional = keywords["additionalProperties"] {
                if case .bool(false) = additional {
                    problems.append(JSONSchemaProblem(path: memberPath, message: "is not an allowed property"))
                } else {
                    check(member, against: additional, at: memberPath, into: &problems)
                }
            }
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", .number):
            return value.isInteger
        default:
            return false
        }
    }

    /// JSON equality (numbers by value).
    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool { a == b }

    private static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
