extension WorkflowLoader {
    /// Reads `on:`. Each kind takes a list of entries, or a single entry.
    static func readTriggers(_ value: SourceValue?, context: inout LoadContext) -> Triggers {
        var triggers = Triggers()
        guard let value, let members = context.mapping(value, "'on'") else { return triggers }
        context.checkKeys(members, known: WorkflowKeys.triggers, in: "'on'")
        for member in members {
            if member.key.value == "mcp" {
                triggers.mcp = readMCPTrigger(member.value, context: &context)
                continue
            }
            let entries = member.value.items ?? [member.value]
            let what = "'on.\(member.key.value)'"
            for entry in entries {
                switch member.key.value {
                case "schedule": readSchedule(entry, what, context: &context).map { triggers.schedules.append($0) }
                case "event": readEvent(entry, what, context: &context).map { triggers.events.append($0) }
                case "webhook": readWebhook(entry, what, context: &context).map { triggers.webhooks.append($0) }
                case "workflow": readWorkflowTrigger(entry, what, context: &context).map { triggers.workflows.append($0) }
                default: break
                }
            }
        }
        return triggers
    }

    private static func readSchedule(_ value: SourceValue, _ what: String, context: inout LoadContext) -> ScheduleTrigger? {
        guard let fields = context.mapping(value, "each entry of \(what)") else { return nil }
        context.checkKeys(fields, known: WorkflowKeys.schedule, in: "a schedule")
        let get = { (key: String) in fields.first { $0.key.value == key }?.value }
        guard let cron = context.require(fields, "cron", in: "a schedule", at: value.location).flatMap({ context.string($0, "'cron'") }) else {
            return nil
        }
        return ScheduleTrigger(
            id: context.string(get("id"), "'id' of a schedule"),
            cron: cron,
            timezone: context.string(get("timezone"), "'timezone'"),
            inputs: readTriggerInputs(fields, "a schedule", context: &context),
            catchup: context.choice(get("catchup"), "'catchup'", as: CatchupPolicy.self) ?? .last,
            location: value.location)
    }

    private static func readEvent(_ value: SourceValue, _ what: String, context: inout LoadContext) -> EventTrigger? {
        guard let fields = context.mapping(value, "each entry of \(what)") else { return nil }
        context.checkKeys(fields, known: WorkflowKeys.eventTrigger, in: "an event trigger")
        guard let type = context.require(fields, "type", in: "an event trigger", at: value.location).flatMap({ context.string($0, "'type'") }) else {
            return nil
        }
        return EventTrigger(type: type, condition: readCondition(fields.first { $0.key.value == "if" }?.value, context: &context),
                            inputs: readTriggerInputs(fields, "an event trigger", context: &context), location: value.location)
    }

    private static func readWebhook(_ value: SourceValue, _ what: String, context: inout LoadContext) -> WebhookTrigger? {
        guard let fields = context.mapping(value, "each entry of \(what)") else { return nil }
        context.checkKeys(fields, known: WorkflowKeys.webhookTrigger, in: "a webhook trigger")
        guard let id = context.require(fields, "id", in: "a webhook trigger", at: value.location).flatMap({ context.string($0, "'id'") }) else {
            return nil
        }
        if !isIdentifier(id.value) {
            context.error("webhook id '\(id.value)' must be made of letters, digits, '_' and '-'", at: id.location, rule: "invalid-value")
        }
        return WebhookTrigger(id: id, secret: context.string(fields.first { $0.key.value == "secret" }?.value, "'secret'"),
                              inputs: readTriggerInputs(fields, "a webhook trigger", context: &context), location: value.location)
    }

    private static func readWorkflowTrigger(_ value: SourceValue, _ what: String, context: inout LoadContext) -> WorkflowTrigger? {
        guard let fields = context.mapping(value, "each entry of \(what)") else { return nil }
        context.checkKeys(fields, known: WorkflowKeys.workflowTrigger, in: "a workflow trigger")
        guard let completed = context.require(fields, "completed", in: "a workflow trigger", at: value.location)
            .flatMap({ context.string($0, "'completed'") })
        else { return nil }
        let allowed = ["completed", "failed", "cancelled"]
        var statuses: [String] = []
        for status in context.stringList(fields.first { $0.key.value == "status" }?.value, "'status'") {
            if allowed.contains(status.value) {
                statuses.append(status.value)
            } else {
                context.error("status must be one of: \(allowed.joined(separator: ", ")); found '\(status.value)'", at: status.location, rule: "invalid-value")
            }
        }
        return WorkflowTrigger(completed: completed, statuses: statuses.isEmpty ? ["completed"] : statuses,
                               inputs: readTriggerInputs(fields, "a workflow trigger", context: &context), location: value.location)
    }

    /// `on.mcp`: one mapping (not a list: a workflow is one tool).
    private static func readMCPTrigger(_ value: SourceValue, context: inout LoadContext) -> MCPTrigger? {
        guard let fields = context.mapping(value, "'on.mcp'") else { return nil }
        context.checkKeys(fields, known: WorkflowKeys.mcpTrigger, in: "'on.mcp'")
        let description = context.string(fields.first { $0.key.value == "description" }?.value, "'description' of 'on.mcp'")
        if let description, description.value.allSatisfy(\.isWhitespace) {
            context.error("'description' of 'on.mcp' is empty: say what the tool does", at: description.location, rule: "invalid-value")
        }
        return MCPTrigger(description: description, location: value.location)
    }

    /// A trigger's `inputs:` mapping, kept as written.
    private static func readTriggerInputs(_ fields: [SourceValue.Member], _ what: String, context: inout LoadContext) -> SourceValue? {
        guard let inputs = fields.first(where: { $0.key.value == "inputs" })?.value else { return nil }
        return context.mapping(inputs, "'inputs' of \(what)") != nil ? inputs : nil
    }

    /// An `if:` value: an expression with or without `${{ }}`; a boolean literal is accepted.
    static func readCondition(_ value: SourceValue?, context: inout LoadContext) -> Located<String>? {
        guard let value else { return nil }
        if case .bool(let b) = value.kind { return Located(b ? "true" : "false", at: value.location) }
        return context.string(value, "'if'")
    }
}
