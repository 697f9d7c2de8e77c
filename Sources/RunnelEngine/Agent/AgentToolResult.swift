import RunnelCore

/// How one tool call ended: its result, an error the model is told about, or a person's rejection.
struct AgentToolResult: Sendable {
    enum Status: String, Sendable {
        case ok, error, rejected
    }

    var status: Status
    /// The tool's result (ok), or what it had when it failed.
    var value: JSONValue?
    /// Why it failed or was rejected.
    var message: String?
    /// The arguments as parsed, when they were valid JSON.
    var arguments: JSONValue?

    /// Tool results longer than this are cut before they go back to the model.
    static let maxMessageCharacters = 16_000

    static func ok(_ value: JSONValue, arguments: JSONValue?) -> AgentToolResult {
        AgentToolResult(status: .ok, value: value, message: nil, arguments: arguments)
    }

    static func error(_ message: String, arguments: JSONValue? = nil, value: JSONValue? = nil) -> AgentToolResult {
        AgentToolResult(status: .error, value: value, message: message, arguments: arguments)
    }

    /// What the model reads in the `tool` message.
    var messageText: String {
        let text: String
        switch status {
        case .ok: text = value?.serialized() ?? "null"
        case .error: text = "error: " + (message ?? "the tool failed")
        case .rejected: text = message ?? "rejected by a person"
        }
        guard text.count > Self.maxMessageCharacters else { return text }
        return String(text.prefix(Self.maxMessageCharacters)) + "… (cut at \(Self.maxMessageCharacters) characters)"
    }

    /// The call in the step's output.
    func summary(_ call: ToolCall, turn: Int) -> JSONValue {
        var summary: [String: JSONValue] = [
            "turn": .number(Double(turn)), "call_id": .string(call.id), "tool": .string(call.name),
            "arguments": arguments ?? .string(call.arguments), "status": .string(status.rawValue),
        ]
        if let message { summary["error"] = .string(message) }
        return .object(summary)
    }

    /// The `tool_result` event's data.
    func eventData(_ call: ToolCall, turn: Int) -> JSONValue {
        var data: [String: JSONValue] = [
            "turn": .number(Double(turn)), "call_id": .string(call.id), "tool": .string(call.name),
            "ok": .bool(status == .ok), "status": .string(status.rawValue),
        ]
        if let value {
            // Large results stay out of the event log (the model got them, cut at the same size).
            let text = value.serialized()
            if text.count > Self.maxMessageCharacters {
                data["result"] = .string(String(text.prefix(Self.maxMessageCharacters)) + "…")
                data["result_truncated"] = true
            } else {
                data["result"] = value
            }
        }
        if let message { data["error"] = .string(message) }
        return .object(data)
    }
}
