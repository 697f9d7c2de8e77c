/// One model provider of `runnel.yaml`'s `providers:`: an OpenAI-compatible server
/// (OpenAI, Ollama, vLLM, llama.cpp…) and how to call it.
public struct ProviderSettings: Sendable, Hashable {
    /// The provider's name (`default`, `local`…).
    public var name: String
    /// The API root, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`;
    /// requests go to `{base_url}/chat/completions`.
    public var baseURL: String
    /// The name of the secret holding the API key (none: no `Authorization` header).
    public var apiKeySecret: String?
    /// The model asked for when a step names none.
    public var model: String
    /// Sampling temperature unless a step sets one.
    public var temperature: Double?
    /// Most tokens per reply unless a step sets it.
    public var maxTokens: Int?
    /// The longest one request may take (default 120 s).
    public var timeout: Duration
    /// The embeddings model (`embedding_model`), read but not used yet.
    public var embeddingModel: String?

    /// The timeout when a provider sets none.
    public static let defaultTimeout: Duration = .seconds(120)

    /// Creates provider settings.
    public init(name: String, baseURL: String, apiKeySecret: String? = nil, model: String, temperature: Double? = nil,
                maxTokens: Int? = nil, timeout: Duration = ProviderSettings.defaultTimeout, embeddingModel: String? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.apiKeySecret = apiKeySecret
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.timeout = timeout
        self.embeddingModel = embeddingModel
    }

    /// `{base_url}/chat/completions`, without a doubled slash.
    public var chatCompletionsURL: String { endpoint("chat/completions") }

    /// `{base_url}/<path>`.
    public func endpoint(_ path: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + path
    }
}
