import RunnelCore

/// A tool an agent step may call: one of the workflow's `tools:`, or the built-in
/// `search_knowledge` over the step's knowledge folders.
enum AgentTool: Sendable {
    case declared(ToolSpec)
    case searchKnowledge(KnowledgeSearch)

    /// The name of the built-in knowledge search.
    static let searchKnowledgeName = "search_knowledge"

    /// The arguments of `search_knowledge`.
    static let searchKnowledgeParameters: JSONValue = [
        "type": "object",
        "properties": [
            "query": ["type": "string", "description": "What to look for, in a few words", "minLength": 1],
            "limit": ["type": "integer", "description": "How many passages to return (default 5)", "minimum": 1, "maximum": 20],
        ],
        "required": ["query"],
        "additionalProperties": false,
    ]

    var name: String {
        switch self {
        case .declared(let spec): spec.name.value
        case .searchKnowledge: Self.searchKnowledgeName
        }
    }

    var requiresApproval: Bool {
        if case .declared(let spec) = self { return spec.requiresApproval }
        return false
    }

    /// The JSON Schema of the arguments (an object with no properties when the tool declares none).
    var parameters: JSONValue {
        switch self {
        case .declared(let spec): spec.parameters ?? ["type": "object", "properties": [:]]
        case .searchKnowledge: Self.searchKnowledgeParameters
        }
    }

    /// How the model sees the tool.
    var definition: ToolDefinition {
        switch self {
        case .declared(let spec):
            ToolDefinition(name: spec.name.value, description: spec.description, parameters: parameters)
        case .searchKnowledge:
            ToolDefinition(name: name, description: "Searches the knowledge files of this task and returns the best passages with their file and heading.",
                           parameters: parameters)
        }
    }
}
