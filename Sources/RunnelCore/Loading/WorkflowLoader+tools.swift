extension WorkflowLoader {
    /// Reads top-level `tools:`, the tools agent steps may call.
    static func readTools(_ value: SourceValue?, context: inout LoadContext) -> [ToolSpec] {
        guard let value else { return [] }
        guard let items = value.items else {
            context.error("'tools' must be a list of tools, not \(value.typeDescription)", at: value.location, rule: "type")
            return []
        }
        var tools: [ToolSpec] = []
        for item in items {
            guard let fields = context.mapping(item, "a tool") else { continue }
            let get = { (key: String) in fields.first { $0.key.value == key }?.value }
            guard let name = context.require(fields, "name", in: "a tool", at: item.location).flatMap({ context.string($0, "a tool's 'name'") }) else {
                continue
            }
            let label = "tool '\(name.value)'"
            context.checkKeys(fields, known: WorkflowKeys.tool, in: label)
            if !isIdentifier(name.value) {
                context.error("tool name '\(name.value)' must be made of letters, digits, '_' and '-'", at: name.location, rule: "invalid-value")
            }
            let kind = context.require(fields, "type", in: label, at: item.location)
                .flatMap { context.choice($0, "the type of \(label)", as: ToolKind.self) }
            let parameters = get("parameters")
            if let parameters { _ = context.mapping(parameters, "'parameters' of \(label)") }
            let config = context.require(fields, "config", in: label, at: item.location)
            guard let kind else { continue }
            var action = StepConfig.invalid
            if let config, let members = context.mapping(config, "'config' of \(label)") {
                let reader = ConfigReader(members: members, label: label, location: config.location)
                switch kind {
                case .http: action = reader.httpRequest(&context).map(StepConfig.httpRequest) ?? .invalid
                case .script: action = reader.script(&context).map(StepConfig.script) ?? .invalid
                case .workflow: action = reader.workflow(&context).map(StepConfig.workflow) ?? .invalid
                }
            }
            tools.append(ToolSpec(
                name: name,
                description: context.require(fields, "description", in: label, at: item.location)
                    .flatMap { context.string($0, "'description' of \(label)") }?.value ?? "",
                kind: kind,
                parameters: parameters?.members != nil ? parameters?.json : nil,
                config: config,
                action: action,
                requiresApproval: context.bool(get("requires_approval"), "'requires_approval' of \(label)") ?? false,
                location: item.location))
        }
        return tools
    }
}
