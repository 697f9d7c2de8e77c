public import RunnelCore

/// A chat model: takes a conversation (and the tools it may call) and returns the next
/// assistant message. ``OpenAIChatClient`` speaks the OpenAI chat-completions protocol.
public protocol ChatModel: Sendable {
    /// Asks for the next assistant message.
    /// - Throws: ``ChatError`` once the client's retries are spent.
    func complete(_ request: ChatRequest) async throws(ChatError) -> ChatResponse
}

/// One message of a conversation.
public struct ChatMessage: Sendable, Hashable {
    /// Who speaks.
    public enum Role: String, Sendable, Hashable {
        case system, user, assistant, tool
    }

    /// Who speaks.
    public var role: Role
    /// The text (nil for an assistant message that only calls tools).
    public var content: String?
    /// The tools an assistant message asks to call.
    public var toolCalls: [ToolCall]
    /// For a `tool` message: the call it answers.
    public var toolCallID: String?

    /// Creates a message.
    public init(_ role: Role, _ content: String?, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    /// A system message.
    public static func system(_ text: String) -> ChatMessage { ChatMessage(.system, text) }
    /// A user message.
    public static func user(_ text: String) -> ChatMessage { ChatMessage(.user, text) }
    /// A tool's result, answering call `id`.
    public static func tool(_ text: String, callID: String) -> ChatMessage { ChatMessage(.tool, text, toolCallID: callID) }
}

/// A tool call the model asked for.
public struct ToolCall: Sendable, Hashable {
    /// The call's id (answered by a `tool` message with the same id).
    public var id: String
    /// The tool's name.
    public var name: String
    /// The arguments as the model wrote them: JSON text, not yet checked.
    public var arguments: String

    /// Creates a tool call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// A tool offered to the model: its name, what it does, and the JSON Schema of its arguments.
public struct ToolDefinition: Sendable, Hashable {
    /// The name the model calls it by.
    public var name: String
    /// What it does.
    public var description: String
    /// JSON Schema of the arguments (an object schema).
    public var parameters: JSONValue

    /// Creates a tool definition.
    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// One request to a chat model.
public struct ChatRequest: Sendable, Hashable {
    /// The conversation so far.
    public var messages: [ChatMessage]
    /// The tools the model may call.
    public var tools: [ToolDefinition]
    /// The model (nil: the provider's).
    public var model: String?
    /// Sampling temperature (nil: the provider's setting, else the server's default).
    public var temperature: Double?
    /// Most tokens in the reply (nil: the provider's setting, else the server's default).
    public var maxTokens: Int?
    /// Ask for a JSON object as the answer (`response_format: {type: json_object}`).
    public var jsonAnswer: Bool

    /// Creates a request.
    public init(messages: [ChatMessage], tools: [ToolDefinition] = [], model: String? = nil,
                temperature: Double? = nil, maxTokens: Int? = nil, jsonAnswer: Bool = false) {
        self.messages = messages
        self.tools = tools
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.jsonAnswer = jsonAnswer
    }
}

/// The model's reply.
public struct ChatResponse: Sendable, Hashable {
    /// The assistant message (text, tool calls or both).
    public var message: ChatMessage
    /// Why the model stopped (`stop`, `tool_calls`, `length`…), when it says.
    public var finishReason: String?
    /// Tokens used by this request, when the server reports them.
    public var usage: TokenUsage?
    /// The model that answered, when the server says.
    public var model: String?

    /// Creates a response.
    public init(message: ChatMessage, finishReason: String? = nil, usage: TokenUsage? = nil, model: String? = nil) {
        self.message = message
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }
}

/// Tokens used: prompt, completion and total.
public struct TokenUsage: Sendable, Hashable {
    /// Tokens of the prompt.
    public var prompt: Int
    /// Tokens of the reply.
    public var completion: Int
    /// Both.
    public var total: Int

    /// Creates a usage count.
    public init(prompt: Int = 0, completion: Int = 0, total: Int = 0) {
        self.prompt = prompt
        self.completion = completion
        self.total = total
    }

    /// The sum of two counts.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(prompt: lhs.prompt + rhs.prompt, completion: lhs.completion + rhs.completion, total: lhs.total + rhs.total)
    }

    /// As JSON: `{prompt_tokens, completion_tokens, total_tokens}`.
    public var json: JSONValue {
        ["prompt_tokens": .number(Double(prompt)), "completion_tokens": .number(Double(completion)), "total_tokens": .number(Double(total))]
    }
}
