extension WorkflowLoader {
    static func readSteps(_ value: SourceValue, _ what: String, context: inout LoadContext) -> [Step] {
        guard let items = value.items else {
            context.error("\(what) must be a list of steps, not \(value.typeDescription)", at: value.location, rule: "type")
            return []
        }
        return items.compactMap { readStep($0, context: &context) }
    }

    static func readStep(_ value: SourceValue, context: inout LoadContext) -> Step? {
        guard let fields = context.mapping(value, "a step") else { return nil }
        let get = { (key: String) in fields.first { $0.key.value == key }?.value }
        let idValue = context.require(fields, "id", in: "a step", at: value.location).flatMap { context.string($0, "a step's 'id'") }
        let id = idValue ?? Located("", at: value.location)
        let label = id.value.isEmpty ? "a step" : "step '\(id.value)'"
        context.checkKeys(fields, known: WorkflowKeys.step, in: label)
        if idValue != nil, !isIdentifier(id.value) {
            context.error("step id '\(id.value)' must be made of letters, digits, '_' and '-', starting with a letter or '_'",
                          at: id.location, rule: "step-id")
        }
        let typeValue = context.require(fields, "type", in: label, at: value.location)
        let type = context.choice(typeValue, "the type of \(label)", as: StepType.self)
        let rawConfig = get("config")
        let config = type.map { readConfig($0, rawConfig, label: label, at: value.location, context: &context) } ?? .invalid

        return Step(
            id: id,
            name: context.string(get("name"), "'name' of \(label)")?.value,
            config: config,
            typeLocation: typeValue?.location ?? value.location,
            dependsOn: context.stringList(get("depends_on"), "'depends_on' of \(label)"),
            condition: readCondition(get("if"), context: &context),
            timeout: context.duration(get("timeout"), "'timeout' of \(label)", positive: true),
            retry: readRetry(get("retry"), "'retry' of \(label)", context: &context),
            continueOnError: context.bool(get("continue_on_error"), "'continue_on_error' of \(label)") ?? false,
            rawConfig: rawConfig,
            location: value.location)
    }

    private static func readConfig(_ type: StepType, _ value: SourceValue?, label: String, at location: SourceLocation,
                                   context: inout LoadContext) -> StepConfig {
        let members: [SourceValue.Member]
        if let value {
            guard let mapping = context.mapping(value, "'config' of \(label)") else { return .invalid }
            members = mapping
        } else if type == .approval {
            members = []
        } else {
            context.error("\(label) (\(type.rawValue)) is missing required key 'config'", at: location, rule: "required-key")
            return .invalid
        }
        let reader = ConfigReader(members: members, label: label, location: value?.location ?? location)
        let config: StepConfig? = switch type {
        case .httpRequest: reader.httpRequest(&context).map(StepConfig.httpRequest)
        case .script: reader.script(&context).map(StepConfig.script)
        case .agentTask: reader.agentTask(&context).map(StepConfig.agentTask)
        case .condition: reader.condition(&context).map(StepConfig.condition)
        case .loop: reader.loop(&context).map(StepConfig.loop)
        case .wait: reader.wait(&context).map(StepConfig.wait)
        case .webhook: reader.webhook(&context).map(StepConfig.webhook)
        case .approval: reader.approval(&context).map(StepConfig.approval)
        case .workflow: reader.workflow(&context).map(StepConfig.workflow)
        }
        return config ?? .invalid
    }
}
