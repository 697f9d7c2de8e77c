import Foundation
import RunnelCore

/// The JSON of the OpenAI chat-completions protocol.
enum ChatWire {
    struct DecodeError: Error {
        var message: String
    }

    /// The request body.
    static func encode(_ request: ChatRequest, provider: ProviderSettings) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(request.model ?? provider.model),
            "messages": .array(request.messages.map(encode)),
        ]
        if let temperature = request.temperature ?? provider.temperature { body["temperature"] = .number(temperature) }
        if let maxTokens = request.maxTokens ?? provider.maxTokens { body["max_tokens"] = .number(Double(maxTokens)) }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                ["type": "function",
                 "function": ["name": .string(tool.name), "description": .string(tool.description), "parameters": tool.parameters]]
            })
        }
        if request.jsonAnswer { body["response_format"] = ["type": "json_object"] }
        return .object(body)
    }

    static func encode(_ message: ChatMessage) -> JSONValue {
        var object: [String: JSONValue] = ["role": .string(message.role.rawValue), "content": message.content.map(JSONValue.string) ?? .null]
        if !message.toolCalls.isEmpty {
            object["tool_calls"] = .array(message.toolCalls.map { call in
                ["id": .string(call.id), "type": "function",
                 "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            })
        }
        if let id = message.toolCallID { object["tool_call_id"] = .string(id) }
        return .object(object)
    }

    /// A response body.
    static func decode(_ text: String) throws(DecodeError) -> ChatResponse {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw DecodeError(message: "not JSON (\(error.description)): \(snippet(text))")
        }
        guard let choice = value["choices"]?.arrayValue?.first, let message = choice["message"]?.objectValue else {
            throw DecodeError(message: "no choices[0].message in \(snippet(text))")
        }
        var calls: [ToolCall] = []
        for (index, item) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            guard let function = item["function"], let name = function["name"]?.stringValue else {
                throw DecodeError(message: "tool_calls[\(index)] has no function name")
            }
            // Some servers send the arguments as an object instead of JSON text.
            let arguments: String
            switch function["arguments"] {
            case .string(let text)?: arguments = text
            case nil, .null?: arguments = "{}"
            case let other?: arguments = other.serialized()
            }
            // Some local servers leave the id out or repeat it: every call needs its own.
            var id = item["id"]?.stringValue ?? ""
            if id.isEmpty || calls.contains(where: { $0.id == id }) { id = "call_\(index + 1)" + (id.isEmpty ? "" : "_" + id) }
            calls.append(ToolCall(id: id, name: name, arguments: arguments))
        }
        var usage: TokenUsage?
        if let counts = value["usage"]?.objectValue {
            let prompt = Int(counts["prompt_tokens"]?.numberValue ?? 0)
            let completion = Int(counts["completion_tokens"]?.numberValue ?? 0)
            usage = TokenUsage(prompt: prompt, completion: completion, total: Int(counts["total_tokens"]?.numberValue ?? Double(prompt + completion)))
        }
        return ChatResponse(message: ChatMessage(.assistant, message["content"]?.stringValue, toolCalls: calls),
                            finishReason: choice["finish_reason"]?.stringValue, usage: usage, model: value["model"]?.stringValue)
    }

    /// The message of an error body (`{"error": {"message": …}}`), else the start of the body.
    static func errorMessage(_ text: String) -> String {
        if let value = try? JSONParser.parse(text) {
            if let message = value["error"]?["message"]?.stringValue { return message }
            if let message = value["error"]?.stringValue { return message }
        }
        return text.isEmpty ? "(empty body)" : snippet(text)
    }

    static func snippet(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }
}
