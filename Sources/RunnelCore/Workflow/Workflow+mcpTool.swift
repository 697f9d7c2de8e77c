extension Workflow {
    /// The JSON Schema (draft-07 subset) of the workflow's `inputs:`: an object with one
    /// property per input (its type, enum, default and description), the required ones listed.
    public var inputSchema: JSONValue {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for spec in inputs {
            var property: [String: JSONValue] = ["type": .string(spec.type.rawValue)]
            if let values = spec.allowedValues { property["enum"] = .array(values) }
            if let value = spec.defaultValue?.value { property["default"] = value }
            if let text = spec.description { property["description"] = .string(text) }
            properties[spec.name.value] = .object(property)
            if spec.required && spec.defaultValue == nil { required.append(.string(spec.name.value)) }
        }
        return ["type": "object", "properties": .object(properties), "required": .array(required), "additionalProperties": false]
    }

    /// `on.mcp` as the API and the MCP server show it (`{description, input_schema}`), or nil
    /// when the workflow is not offered as a tool. The description falls back to the workflow's.
    public var mcpTool: JSONValue? {
        guard let trigger = triggers.mcp else { return nil }
        let text = trigger.description?.value ?? description ?? name
        return ["description": .string(text), "input_schema": inputSchema]
    }
}
