extension Workflow {
    /// What anonymous visitors of the gallery may see of a published workflow: the allow-list
    /// (`docs/workflow-format.md#publishing`). Its id, name, description and `publish` block;
    /// its inputs with their schema (type, required, enum, description; no default); the kinds
    /// of its triggers; its steps' ids, names and types; and the graph of `depends_on` edges.
    /// Nothing else: no run, output, payload, secret or connection name, hook id, approver,
    /// URL, environment, tag or author.
    public var publicView: JSONValue {
        let inputs: [JSONValue] = self.inputs.map { input in
            ["name": .string(input.name.value), "type": .string(input.type.rawValue), "required": .bool(input.required),
             "enum": input.allowedValues.map(JSONValue.array) ?? .null, "description": input.description.map(JSONValue.string) ?? .null]
        }
        var kinds: [JSONValue] = []
        if !triggers.schedules.isEmpty { kinds.append("schedule") }
        if !triggers.events.isEmpty { kinds.append("event") }
        if !triggers.webhooks.isEmpty { kinds.append("webhook") }
        if !triggers.workflows.isEmpty { kinds.append("workflow") }
        let steps: [JSONValue] = self.steps.map { step in
            ["id": .string(step.id.value), "name": step.name.map(JSONValue.string) ?? .null, "type": .string(step.type.rawValue)]
        }
        let edges: [JSONValue] = self.steps.flatMap { step in
            step.dependsOn.map { JSONValue.array([.string($0.value), .string(step.id.value)]) }
        }
        return ["id": .string(id), "name": .string(name), "description": description.map(JSONValue.string) ?? .null,
                "publish": publish?.json ?? .null, "inputs": .array(inputs), "triggers": .array(kinds), "steps": .array(steps),
                "dag": ["nodes": .array(self.steps.map { .string($0.id.value) }), "edges": .array(edges)]]
    }
}
