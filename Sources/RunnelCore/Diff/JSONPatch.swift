/// An RFC 6902 JSON Patch: the operations that turn one JSON document into another.
public struct JSONPatch: Sendable, Hashable {
    /// One operation.
    public struct Operation: Sendable, Hashable {
        /// The operation's name.
        public enum Kind: String, Sendable, Hashable {
            case add, remove, replace, move, copy, test
        }

        /// What the operation does.
        public var op: Kind
        /// The JSON Pointer of the target.
        public var path: String
        /// The source pointer of `move` and `copy`.
        public var from: String?
        /// The value of `add`, `replace` and `test`.
        public var value: JSONValue?

        /// Creates an operation.
        public init(_ op: Kind, path: String, from: String? = nil, value: JSONValue? = nil) {
            self.op = op
            self.path = path
            self.from = from
            self.value = value
        }

        /// The operation as a JSON object (`{"op": "add", "path": …, "value": …}`).
        public var json: JSONValue {
            var members: [String: JSONValue] = ["op": .string(op.rawValue), "path": .string(path)]
            if let from { members["from"] = .string(from) }
            if let value { members["value"] = value }
            return .object(members)
        }
    }

    /// The operations, applied in order.
    public var operations: [Operation]

    /// Creates a patch.
    public init(_ operations: [Operation]) { self.operations = operations }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool { operations.isEmpty }

    /// The patch as a JSON array.
    public var json: JSONValue { .array(operations.map(\.json)) }

    /// Reads a patch from its JSON form.
    /// - Throws: ``JSONPatchError`` when an operation is malformed.
    public init(json: JSONValue) throws(JSONPatchError) {
        guard case .array(let items) = json else { throw JSONPatchError("a JSON Patch is an array of operations") }
        var operations: [Operation] = []
        for (i, item) in items.enumerated() {
            guard let name = item["op"]?.stringValue, let op = Operation.Kind(rawValue: name) else {
                throw JSONPatchError("operation \(i) has no valid 'op'")
            }
            guard let path = item["path"]?.stringValue else { throw JSONPatchError("operation \(i) has no 'path'") }
            operations.append(Operation(op, path: path, from: item["from"]?.stringValue, value: item["value"]))
        }
        self.operations = operations
    }
}

/// Why a JSON Patch could not be read or applied.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The one-line message.
    public var description: String { message }
}
