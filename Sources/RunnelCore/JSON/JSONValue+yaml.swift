import Yams

extension JSONValue {
    /// The order of a workflow's top-level keys when it is written as YAML.
    static let workflowKeyOrder = ["name", "description", "tags", "status", "inputs", "on", "concurrency", "defaults",
                                   "timeout", "env", "agent", "tools", "steps", "outputs", "on_failure"]
    /// Keys written first in nested mappings (a step's `id` and `type`).
    static let leadingKeys = ["id", "type", "name"]

    /// The value as block-style YAML, as a workflow file is written: top-level keys in the
    /// file format's order, a step's `id` and `type` first, other keys sorted; strings quoted
    /// whenever YAML would read them as something else.
    public func workflowYAML() -> String {
        (try? Yams.serialize(node: node(order: Self.workflowKeyOrder), indent: 2, width: -1, allowUnicode: true)) ?? serialized()
    }

    private func node(order: [String]) -> Node {
        switch self {
        case .null: return Node("null", .implicit, .plain)
        case .bool(let b): return Node(b ? "true" : "false", .implicit, .plain)
        case .number(let n): return Node(JSONValue.format(number: n), .implicit, .plain)
        case .string(let s): return Node(s, .implicit, Self.isPlainSafe(s) ? .plain : .doubleQuoted)
        case .array(let items): return Node(items.map { $0.node(order: Self.leadingKeys) }, .implicit, .block)
        case .object(let members):
            let keys = members.keys.sorted { a, b in
                let (ia, ib) = (order.firstIndex(of: a) ?? Int.max, order.firstIndex(of: b) ?? Int.max)
                return ia != ib ? ia < ib : a < b
            }
            let pairs = keys.compactMap { key in members[key].map { (Node(key, .implicit, Self.isPlainSafe(key) ? .plain : .doubleQuoted), $0.node(order: Self.leadingKeys)) } }
            return Node(pairs, .implicit, .block)
        }
    }

    /// Whether `s` reads back as the same string when written plain.
    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        // Runnel reads YAML with the 1.2 core schema: `on`, `yes` and `no` are strings there.
        let reserved: Set<String> = ["true", "false", "null"]
        if reserved.contains(s.lowercased()) { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-./ ".unicodeScalars.contains($0) }
            && !s.hasSuffix(" ")
    }
}
