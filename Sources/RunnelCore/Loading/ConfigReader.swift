/// Reads the `config` mapping of one step, by type.
struct ConfigReader {
    let members: [SourceValue.Member]
    let label: String
    let location: SourceLocation

    init(members: [SourceValue.Member], label: String, location: SourceLocation) {
        self.members = members
        self.label = label
        self.location = location
    }

    func get(_ key: String) -> SourceValue? { members.first { $0.key.value == key }?.value }

    private func what(_ key: String) -> String { "'\(key)' of \(label)" }

    private func require(_ key: String, _ context: inout LoadContext) -> SourceValue? {
        context.require(members, key, in: "the config of \(label)", at: location)
    }

    private func check(_ keys: [String], _ context: inout LoadContext) {
        context.checkKeys(members, known: keys, in: "the config of \(label)")
    }

    func httpRequest(_ context: inout LoadContext) -> HTTPRequestConfig? {
        check(WorkflowKeys.config(.httpRequest), &context)
        // Every key is read before a missing or mistyped one gives up on the config, so one
        // wrong value doesn't hide the others' problems.
        let url = context.string(require("url", &context), what("url"))
        let method = context.choice(get("method"), what("method"), as: HTTPMethod.self)
        let headers = context.namedValues(get("headers"), what("headers"), scalarsOnly: true)
        let query = context.namedValues(get("query"), what("query"), scalarsOnly: true)
        let expectedStatus = statusList(get("expected_status"), &context)
        let maxResponseBytes = context.integer(get("max_response_bytes"), what("max_response_bytes"), min: 1)
        let connection = context.string(get("connection"), what("connection"))
        guard let url else { return nil }
        return HTTPRequestConfig(method: method ?? .GET, url: url, headers: headers, query: query, body: get("body"),
                                 expectedStatus: expectedStatus, maxResponseBytes: maxResponseBytes, connection: connection)
    }

    private func statusList(_ value: SourceValue?, _ context: inout LoadContext) -> [Int] {
        guard let value else { return [] }
        let items = value.items ?? [value]
        return items.compactMap { context.integer($0, "each of \(what("expected_status"))", min: 100, max: 599) }
    }

    func script(_ context: inout LoadContext) -> ScriptConfig? {
        check(WorkflowKeys.config(.script), &context)
        let run = context.string(require("run", &context), what("run"))
        let shell = context.choice(get("shell"), what("shell"), as: ScriptShell.self)
        let env = context.namedValues(get("env"), what("env"), scalarsOnly: true)
        let maxOutputBytes = context.integer(get("max_output_bytes"), what("max_output_bytes"), min: 1)
        guard let run else { return nil }
        return ScriptConfig(run: run, shell: shell ?? .sh, env: env, maxOutputBytes: maxOutputBytes)
    }

    func agentTask(_ context: inout LoadContext) -> AgentTaskConfig? {
        check(WorkflowKeys.config(.agentTask), &context)
        let goalValue = get("goal") ?? get("prompt")
        if get("goal") != nil, let prompt = get("prompt") {
            context.error("\(label) sets both 'goal' and 'prompt'; they are synonyms, keep one", at: prompt.location, rule: "invalid-value")
        }
        if goalValue == nil {
            context.error("the config of \(label) is missing required key 'goal' (or 'prompt')", at: location, rule: "required-key")
        }
        let goal = goalValue.flatMap { context.string($0, what("goal")) }
        let schema = get("output_schema")
        if let schema { _ = context.mapping(schema, what("output_schema")) }
        let system = context.string(get("system"), what("system"))?.value
        let model = context.string(get("model"), what("model"))?.value
        let tools = context.stringList(get("tools"), what("tools"))
        let knowledge = context.stringList(get("knowledge"), what("knowledge"))
        let maxTurns = context.integer(get("max_turns"), what("max_turns"), min: 1, max: 100)
        let temperature = context.number(get("temperature"), what("temperature"))
        let maxTokens = context.integer(get("max_tokens"), what("max_tokens"), min: 1)
        guard let goal else { return nil }
        return AgentTaskConfig(goal: goal, system: system, model: model, tools: tools, knowledge: knowledge, maxTurns: maxTurns,
                               outputSchema: schema?.members != nil ? schema?.json : nil, temperature: temperature, maxTokens: maxTokens)
    }

    func condition(_ context: inout LoadContext) -> ConditionConfig? {
        check(WorkflowKeys.config(.condition), &context)
        let condition = WorkflowLoader.readCondition(require("condition", &context), context: &context)
        let thenTargets = context.stringList(get("then"), what("then"))
        let elseTargets = context.stringList(get("else"), what("else"))
        if thenTargets.isEmpty, elseTargets.isEmpty {
            context.error("\(label) has no 'then' or 'else' targets; list the ids of the steps each branch runs",
                          at: location, rule: "required-key")
        }
        guard let condition else { return nil }
        return ConditionConfig(condition: condition, then: thenTargets, else: elseTargets)
    }

    func loop(_ context: inout LoadContext) -> LoopConfig? {
        check(WorkflowKeys.config(.loop), &context)
        let items = require("items", &context)
        if let items {
            switch items.kind {
            case .array, .string: break
            default:
                context.error("\(what("items")) must be a list or an expression, not \(items.typeDescription)", at: items.location, rule: "type")
            }
        }
        let maxParallel = context.integer(get("max_parallel"), what("max_parallel"), min: 1, max: 1000) ?? 1
        let failFast = context.bool(get("fail_fast"), what("fail_fast")) ?? true
        guard let stepValue = require("step", &context) else { return nil }
        guard let step = WorkflowLoader.readStep(stepValue, context: &context), let items else { return nil }
        if !step.dependsOn.isEmpty {
            context.error("the step inside \(label) cannot use 'depends_on'; it runs once per item",
                          at: step.dependsOn[0].location, rule: "invalid-value")
        }
        return LoopConfig(items: items, step: step, maxParallel: maxParallel, failFast: failFast)
    }

    func wait(_ context: inout LoadContext) -> WaitConfig? {
        check(WorkflowKeys.config(.wait), &context)
        switch (get("duration"), get("until")) {
        case (let duration?, nil):
            for key in ["poll_interval", "check"] {
                if let value = get(key) {
                    context.error("'\(key)' only applies with 'until'", at: value.location, rule: "invalid-value")
                }
            }
            return context.duration(duration, what("duration")).map { WaitConfig(mode: .duration($0)) }
        case (nil, let until?):
            guard let condition = WorkflowLoader.readCondition(until, context: &context) else { return nil }
            let poll = context.duration(get("poll_interval"), what("poll_interval"), positive: true)?.value ?? .seconds(10)
            var request: HTTPRequestConfig?
            if let checkValue = get("check"), let members = context.mapping(checkValue, what("check")) {
                request = ConfigReader(members: members, label: "the check of \(label)", location: checkValue.location).httpRequest(&context)
            }
            return WaitConfig(mode: .until(condition, pollInterval: poll, check: request))
        case (_?, let until?):
            context.error("\(label) sets both 'duration' and 'until'; a wait is one or the other", at: until.location, rule: "invalid-value")
            return nil
        case (nil, nil):
            context.error("the config of \(label) needs 'duration' (30s, 5m…) or 'until' (an expression)", at: location, rule: "required-key")
            return nil
        }
    }

    func webhook(_ context: inout LoadContext) -> WebhookConfig? {
        check(WorkflowKeys.config(.webhook), &context)
        let url = context.string(require("url", &context), what("url"))
        let method = context.choice(get("method"), what("method"), as: HTTPMethod.self)
        let headers = context.namedValues(get("headers"), what("headers"), scalarsOnly: true)
        let secret = context.string(get("secret"), what("secret"))
        let connection = context.string(get("connection"), what("connection"))
        guard let url else { return nil }
        return WebhookConfig(url: url, method: method ?? .POST, headers: headers, body: get("body"), secret: secret, connection: connection)
    }

    func approval(_ context: inout LoadContext) -> ApprovalConfig? {
        check(WorkflowKeys.config(.approval), &context)
        let approvers = context.stringList(get("approvers"), what("approvers"))
        let required = context.integer(get("required"), what("required"), min: 1, max: 100) ?? 1
        if !approvers.isEmpty, required > approvers.count, let value = get("required") {
            context.error("\(label) requires \(required) approvals but lists only \(approvers.count) approver(s)",
                          at: value.location, rule: "invalid-value")
        }
        let schema = get("input_schema")
        if let schema, context.mapping(schema, what("input_schema")) != nil { checkSchemaTypes(schema, &context) }
        let notifyEmail = approvalNotify(&context)
        return ApprovalConfig(
            message: context.string(get("message"), what("message")),
            approvers: approvers.map(\.value),
            required: required,
            timeout: context.duration(get("timeout"), what("timeout"), positive: true),
            onTimeout: context.choice(get("on_timeout"), what("on_timeout"), as: ApprovalTimeoutAction.self) ?? .reject,
            then: context.stringList(get("then"), what("then")),
            else: context.stringList(get("else"), what("else")),
            inputSchema: schema?.members != nil ? schema?.json : nil,
            notifyEmail: notifyEmail)
    }

    /// `notify: {email: [addresses]}` of an approval.
    private func approvalNotify(_ context: inout LoadContext) -> [String] {
        guard let value = get("notify"), let members = context.mapping(value, what("notify")) else { return [] }
        context.checkKeys(members, known: WorkflowKeys.approvalNotify, in: what("notify"))
        var addresses: [String] = []
        for member in members where member.key.value == "email" {
            for address in context.stringList(member.value, "'notify.email' of \(label)") {
                if EmailAddress.isPlausible(address.value) {
                    addresses.append(address.value)
                } else {
                    context.error("'\(address.value)' in 'notify.email' of \(label) is not an email address", at: address.location,
                                  rule: "invalid-value")
                }
            }
        }
        return addresses
    }

    /// The `type` keywords of an input schema name JSON Schema types.
    private func checkSchemaTypes(_ schema: SourceValue, _ context: inout LoadContext) {
        let known: Set<String> = ["null", "boolean", "number", "integer", "string", "array", "object"]
        for member in schema.members ?? [] {
            switch member.key.value {
            case "type":
                let names = member.value.items?.compactMap(\.string) ?? member.value.string.map { [$0] } ?? []
                for name in names where !known.contains(name) {
                    context.error("'\(name)' in 'input_schema' of \(label) is not a JSON Schema type (expected: \(known.sorted().joined(separator: ", ")))",
                                  at: member.value.location, rule: "invalid-value")
                }
            case "properties":
                for property in member.value.members ?? [] where property.value.members != nil { checkSchemaTypes(property.value, &context) }
            case "items", "additionalProperties":
                if member.value.members != nil { checkSchemaTypes(member.value, &context) }
            default:
                continue
            }
        }
    }

    func workflow(_ context: inout LoadContext) -> WorkflowStepConfig? {
        check(WorkflowKeys.config(.workflow), &context)
        let workflow = context.string(require("workflow", &context), what("workflow"))
        if let inputs = get("inputs") { _ = context.mapping(inputs, what("inputs")) }
        let wait = context.bool(get("wait"), what("wait"))
        guard let workflow else { return nil }
        return WorkflowStepConfig(workflow: workflow, inputs: get("inputs"), wait: wait ?? true)
    }
}
