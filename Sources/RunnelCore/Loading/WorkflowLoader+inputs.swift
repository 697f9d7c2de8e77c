extension WorkflowLoader {
    /// Reads `inputs:` (or a template's `parameters:`): a mapping of name → spec.
    /// A bare type name (`limit: integer`) is shorthand for `{type: integer}`.
    static func readInputs(_ value: SourceValue?, _ what: String, context: inout LoadContext) -> [InputSpec] {
        guard let value, let members = context.mapping(value, what) else { return [] }
        var specs: [InputSpec] = []
        for member in members {
            let label = "input '\(member.key.value)'"
            if !isIdentifier(member.key.value) {
                context.error("\(label) must be a name of letters, digits, '_' and '-', starting with a letter or '_'",
                              at: member.key.location, rule: "invalid-value")
            }
            if case .string = member.value.kind {
                let type = context.choice(member.value, "the type of \(label)", as: InputType.self) ?? .string
                specs.append(InputSpec(name: member.key, type: type, required: false, defaultValue: nil,
                                       allowedValues: nil, description: nil, location: member.key.location))
                continue
            }
            guard let fields = context.mapping(member.value, label) else { continue }
            context.checkKeys(fields, known: WorkflowKeys.input, in: label)
            let get = { (key: String) in fields.first { $0.key.value == key }?.value }
            let type = context.require(fields, "type", in: label, at: member.key.location)
                .flatMap { context.choice($0, "the type of \(label)", as: InputType.self) } ?? .string
            var allowed: [JSONValue]?
            if let enumValue = get("enum") {
                if let items = enumValue.items, !items.isEmpty {
                    allowed = items.map(\.json)
                } else {
                    context.error("'enum' of \(label) must be a non-empty list", at: enumValue.location, rule: "type")
                }
            }
            specs.append(InputSpec(
                name: member.key,
                type: type,
                required: context.bool(get("required"), "'required' of \(label)") ?? false,
                defaultValue: get("default").map { Located($0.json, at: $0.location) },
                allowedValues: allowed,
                description: context.string(get("description"), "'description' of \(label)")?.value,
                location: member.key.location))
        }
        return specs
    }

    /// `[A-Za-z_][A-Za-z0-9_-]*`: step ids, input names, hook ids.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
    }
}
