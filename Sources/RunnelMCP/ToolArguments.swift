import RunnelCore

/// A tool's arguments, read with a clear error for a missing or mistyped one.
struct ToolArguments {
    let tool: String
    let values: [String: JSONValue]

    func required(_ key: String) throws(ToolArgumentError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw ToolArgumentError(message: "\(tool): '\(key)' is required") }
        return text
    }

    func string(_ key: String) throws(ToolArgumentError) -> String? {
        switch values[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw ToolArgumentError(message: "\(tool): '\(key)' must be a string, not \(other.typeName)")
        }
    }

    func object(_ key: String) throws(ToolArgumentError) -> [String: JSONValue] {
        switch values[key] {
        case nil, .null?: return [:]
        case .object(let members)?: return members
        case let other?: throw ToolArgumentError(message: "\(tool): '\(key)' must be an object, not \(other.typeName)")
        }
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ToolArgumentError) -> Int? {
        switch values[key] {
        case nil, .null?: return nil
        case .number(let n)? where n.rounded() == n && n >= Double(range.lowerBound) && n <= Double(range.upperBound): return Int(n)
        case let other?:
            throw ToolArgumentError(message: "\(tool): '\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(other.serialized())")
        }
    }

    /// The given ones of `keys` as query filters (strings as they are, numbers written whole).
    func filter(_ keys: [String]) throws(ToolArgumentError) -> [String: String] {
        var filter: [String: String] = [:]
        for key in keys {
            switch values[key] {
            case nil, .null?: continue
            case .string(let text)?: filter[key] = text
            case .number(let n)? where n.rounded() == n && abs(n) < 1e15: filter[key] = String(Int(n))
            case let other?: throw ToolArgumentError(message: "\(tool): '\(key)' must be a string or a whole number, not \(other.typeName)")
            }
        }
        return filter
    }
}

/// A tool called with arguments it can't take.
struct ToolArgumentError: Error {
    var message: String
}
