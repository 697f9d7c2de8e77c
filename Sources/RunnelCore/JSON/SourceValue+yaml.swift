import Yams

extension SourceValue {
    /// The value as block-style YAML with the keys in the order they were written: strings
    /// over several lines as literal blocks (`|`), lists of short scalars on one line
    /// (`[200, 204]`), strings plain unless YAML would read them as something else (libyaml
    /// quotes what plain syntax can't hold). Comments are not kept (the tree has none).
    public func yamlText() -> String {
        (try? Yams.serialize(node: node(), indent: 2, width: -1, allowUnicode: true)) ?? json.workflowYAML()
    }

    private func node() -> Node {
        switch kind {
        case .null: return Node("null", .implicit, .plain)
        case .bool(let b): return Node(b ? "true" : "false", .implicit, .plain)
        case .number(let n): return Node(JSONValue.format(number: n), .implicit, .plain)
        case .string(let s):
            if s.contains("\n") { return Node(s, .implicit, .literal) }
            return Node(s, .implicit, Self.readsBackAsString(s) ? .plain : .doubleQuoted)
        case .array(let items):
            let short = items.count <= 12 && items.allSatisfy { item in
                switch item.kind {
                case .number, .bool: true
                case .string(let s): s.count <= 40 && !s.contains("\n")
                default: false
                }
            }
            return Node(items.map { $0.node() }, .implicit, short && !items.isEmpty ? .flow : .block)
        case .object(let members):
            return Node(members.map { member in
                (Node(member.key.value, .implicit, Self.readsBackAsString(member.key.value) ? .plain : .doubleQuoted), member.value.node())
            }, .implicit, .block)
        }
    }

    /// Whether `s` written plain reads back as the string `s` (not a number, boolean or null).
    static func readsBackAsString(_ s: String) -> Bool {
        !s.isEmpty && YAMLReader.resolvePlain(s) == .string(s) && s != "<<"
            && s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
