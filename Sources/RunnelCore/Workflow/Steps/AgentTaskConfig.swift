/// `agent_task`: an LLM that reasons toward a goal and may call tools.
public struct AgentTaskConfig: Sendable, Hashable {
    /// What the agent must achieve (template); `prompt` is accepted as a synonym.
    public var goal: Located<String>
    /// System prompt (overrides `agent.system`).
    public var system: String?
    /// Provider name or model (default: `agent.model`, then `default`).
    public var model: String?
    /// Names of tools from the top-level `tools:` list.
    public var tools: [Located<String>]
    /// Folders of Markdown/text files the agent can search.
    public var knowledge: [Located<String>]
    /// Most model turns before the step fails (default 10).
    public var maxTurns: Int?
    /// JSON Schema the final answer must match.
    public var outputSchema: JSONValue?
    /// Sampling temperature.
    public var temperature: Double?
    /// Most tokens per model reply.
    public var maxTokens: Int?
}
