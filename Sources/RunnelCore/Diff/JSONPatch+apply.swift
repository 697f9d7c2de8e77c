extension JSONPatch {
    /// The document after applying every operation in order (RFC 6902).
    /// - Throws: ``JSONPatchError`` when a path does not exist, an index is out of range,
    ///   a `test` fails, or a `move` is into its own child.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for (i, operation) in operations.enumerated() {
            do {
                try Self.apply(operation, to: &result)
            } catch {
                throw JSONPatchError("operation \(i) (\(operation.op.rawValue) \(operation.path)): \(error.message)")
            }
        }
        return result
    }

    private static func apply(_ operation: Operation, to document: inout JSONValue) throws(JSONPatchError) {
        guard let path = JSONPointer.tokens(operation.path) else { throw JSONPatchError("invalid JSON Pointer") }
        switch operation.op {
        case .add:
            guard let value = operation.value else { throw JSONPatchError("missing 'value'") }
            try add(value, at: path[...], in: &document)
        case .remove:
            _ = try remove(at: path[...], in: &document)
        case .replace:
            guard let value = operation.value else { throw JSONPatchError("missing 'value'") }
            if path.isEmpty { document = value; return }
            _ = try remove(at: path[...], in: &document)
            try add(value, at: path[...], in: &document)
        case .move, .copy:
            guard let fromText = operation.from, let from = JSONPointer.tokens(fromText) else { throw JSONPatchError("invalid 'from'") }
            if operation.op == .move {
                if from == path { return }
                if path.count > from.count, Array(path.prefix(from.count)) == from { throw JSONPatchError("cannot move a value into itself") }
                let value = try remove(at: from[...], in: &document)
                try add(value, at: path[...], in: &document)
            } else {
                try add(try value(at: from[...], in: document), at: path[...], in: &document)
            }
        case .test:
            guard let expected = operation.value else { throw JSONPatchError("missing 'value'") }
            guard try value(at: path[...], in: document) == expected else { throw JSONPatchError("test failed") }
        }
    }

    private static func value(at path: ArraySlice<String>, in document: JSONValue) throws(JSONPatchError) -> JSONValue {
        guard let token = path.first else { return document }
        switch document {
        case .object(let members):
            guard let child = members[token] else { throw JSONPatchError("no member '\(token)'") }
            return try value(at: path.dropFirst(), in: child)
        case .array(let items):
            guard let i = Int(token), items.indices.contains(i) else { throw JSONPatchError("no element '\(token)'") }
            return try value(at: path.dropFirst(), in: items[i])
        default:
            throw JSONPatchError("'\(token)' is inside a \(document.typeName)")
        }
    }

    private static func add(_ value: JSONValue, at path: ArraySlice<String>, in document: inout JSONValue) throws(JSONPatchError) {
        guard let token = path.first else { document = value; return }
        let last = path.count == 1
        switch document {
        case .object(var members):
            if last {
                members[token] = value
            } else {
                guard var child = members[token] else { throw JSONPatchError("no member '\(token)'") }
                try add(value, at: path.dropFirst(), in: &child)
                members[token] = child
            }
            document = .object(members)
        case .array(var items):
            if last {
                if token == "-" { items.append(value) } else {
                    guard let i = Int(token), i >= 0, i <= items.count, String(i) == token else { throw JSONPatchError("index '\(token)' out of range") }
                    items.insert(value, at: i)
                }
            } else {
                guard let i = Int(token), items.indices.contains(i) else { throw JSONPatchError("no element '\(token)'") }
                try add(value, at: path.dropFirst(), in: &items[i])
            }
            document = .array(items)
        default:
            throw JSONPatchError("'\(token)' is inside a \(document.typeName)")
        }
    }

    private static func remove(at path: ArraySlice<String>, in document: inout JSONValue) throws(JSONPatchError) -> JSONValue {
        guard let token = path.first else { throw JSONPatchError("cannot remove the whole document") }
        let last = path.count == 1
        switch document {
        case .object(var members):
            guard var child = members[token] else { throw JSONPatchError("no member '\(token)'") }
            let removed: JSONValue
            if last {
                removed = child
                members[token] = nil
            } else {
                removed = try remove(at: path.dropFirst(), in: &child)
                members[token] = child
            }
            document = .object(members)
            return removed
        case .array(var items):
            guard let i = Int(token), items.indices.contains(i) else { throw JSONPatchError("no element '\(token)'") }
            let removed: JSONValue
            if last {
                removed = items.remove(at: i)
            } else {
                removed = try remove(at: path.dropFirst(), in: &items[i])
            }
            document = .array(items)
            return removed
        default:
            throw JSONPatchError("'\(token)' is inside a \(document.typeName)")
        }
    }
}
