public import RunnelCore

extension ProviderCatalog {
    /// The keys a provider may set.
    static let knownKeys = ["base_url", "api_key_secret", "model", "temperature", "max_tokens", "timeout", "embedding_model"]

    /// Reads the `providers:` section of `runnel.yaml`:
    ///
    /// ```yaml
    /// providers:
    ///   default: {base_url: https://api.openai.com/v1, api_key_secret: OPENAI_KEY, model: gpt-4o-mini}
    ///   local:   {base_url: "http://127.0.0.1:11434/v1", model: llama3.2, timeout: 5m}
    /// ```
    ///
    /// - Parameters:
    ///   - value: The section's value (nil: no providers).
    ///   - file: The file name the problems start with.
    /// - Returns: The providers that could be read, and a `file:line:col: message` per problem.
    public static func parse(_ value: SourceValue?, file: String = "runnel.yaml") -> (ProviderCatalog, [String]) {
        guard let value, value.kind != .null else { return (ProviderCatalog(), []) }
        func at(_ location: SourceLocation) -> String { "\(file):\(location.line):\(location.column)" }
        guard let entries = value.members else {
            return (ProviderCatalog(), ["\(at(value.location)): 'providers' must be a mapping of provider names to settings, not \(value.typeDescription)"])
        }
        var providers: [ProviderSettings] = []
        var problems: [String] = []
        for entry in entries {
            let name = entry.key.value
            let label = "provider '\(name)'"
            guard let fields = entry.value.members else {
                problems.append("\(at(entry.value.location)): \(label) must be a mapping (base_url, model, …), not \(entry.value.typeDescription)")
                continue
            }
            var ok = true
            func fail(_ message: String, _ location: SourceLocation) {
                problems.append("\(at(location)): \(message)")
                ok = false
            }
            for field in fields where !knownKeys.contains(field.key.value) {
                var message = "unknown key '\(field.key.value)' in \(label)"
                if let suggestion = Spelling.closest(to: field.key.value, in: knownKeys) { message += "; did you mean '\(suggestion)'?" }
                fail(message, field.key.location)
            }
            func text(_ key: String, required: Bool) -> String? {
                guard let field = fields.first(where: { $0.key.value == key }) else {
                    if required { fail("\(label) needs '\(key)'", entry.key.location) }
                    return nil
                }
                guard let string = field.value.string, !string.isEmpty else {
                    fail("'\(key)' of \(label) must be a non-empty string, not \(field.value.typeDescription)", field.value.location)
                    return nil
                }
                return string
            }
            let baseURL = text("base_url", required: true)
            if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")),
               let field = fields.first(where: { $0.key.value == "base_url" }) {
                fail("'base_url' of \(label) must start with http:// or https://", field.value.location)
            }
            let model = text("model", required: true)
            let secret = text("api_key_secret", required: false)
            let embedding = text("embedding_model", required: false)
            var settings = ProviderSettings(name: name, baseURL: baseURL ?? "", apiKeySecret: secret, model: model ?? "",
                                            embeddingModel: embedding)
            if let field = fields.first(where: { $0.key.value == "temperature" }) {
                if case .number(let number) = field.value.kind, number >= 0, number <= 2 {
                    settings.temperature = number
                } else {
                    fail("'temperature' of \(label) must be a number from 0 to 2", field.value.location)
                }
            }
            if let field = fields.first(where: { $0.key.value == "max_tokens" }) {
                if case .number(let number) = field.value.kind, number >= 1, number <= 10_000_000, number.rounded() == number {
                    settings.maxTokens = Int(number)
                } else {
                    fail("'max_tokens' of \(label) must be a positive whole number", field.value.location)
                }
            }
            if let field = fields.first(where: { $0.key.value == "timeout" }) {
                if let text = field.value.string, let duration = Duration(parsing: text), duration > .zero {
                    settings.timeout = duration
                } else {
                    fail("'timeout' of \(label) must be a duration such as 30s or 5m", field.value.location)
                }
            }
            if ok { providers.append(settings) }
        }
        return (ProviderCatalog(providers), problems)
    }

    /// Reads the `providers:` section of a whole `runnel.yaml` text (other keys are ignored).
    /// - Returns: The providers, and a `file:line:col: message` per problem.
    public static func parse(settingsText text: String, file: String = "runnel.yaml") -> (ProviderCatalog, [String]) {
        let value: SourceValue
        do {
            value = try SourceValue.parse(yaml: text)
        } catch {
            return (ProviderCatalog(), ["\(file):\(error.description)"])
        }
        return parse(value["providers"], file: file)
    }
}
