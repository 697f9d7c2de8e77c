public import MCP
public import RunnelCore

/// One of Runnel's tools: its name, what it does, the JSON Schema of its arguments, its hints
/// and the API scope it needs.
public struct MCPTool: Sendable {
    /// The tool's name (`list_workflows`, or a workflow's id for a workflow offered as a tool).
    public var name: String
    /// What it does.
    public var description: String
    /// The JSON Schema of its arguments.
    public var inputSchema: JSONValue
    /// Whether it only reads.
    public var readOnly: Bool
    /// Whether it may destroy or undo something (cancel a run).
    public var destructive: Bool
    /// The API scope its calls need.
    public var scope: MCPScope

    /// The tool as MCP lists it; the scope is said in the description and under `_meta.runnel/scope`.
    public var listed: Tool {
        Tool(name: name, description: description + " Needs an API key with the '\(scope.rawValue)' scope.",
             inputSchema: inputSchema.mcpValue,
             annotations: .init(readOnlyHint: readOnly, destructiveHint: destructive, idempotentHint: readOnly, openWorldHint: !readOnly),
             _meta: Metadata(additionalFields: ["runnel/scope": .string(scope.rawValue)]))
    }
}
