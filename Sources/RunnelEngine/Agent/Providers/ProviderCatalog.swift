import Synchronization

/// The model providers of a repository (`providers:` in `runnel.yaml`), and how a step's
/// `model:` picks one: the name of a provider, or else a model name used with the
/// `default` provider.
public struct ProviderCatalog: Sendable, Hashable {
    /// The providers by name.
    public var providers: [String: ProviderSettings]
    /// How clients made from this catalog retry (settable so tests keep backoffs short).
    public var retry: ChatRetryPolicy

    /// A catalog of `providers`.
    public init(_ providers: [ProviderSettings] = [], retry: ChatRetryPolicy = .standard) {
        self.providers = Dictionary(providers.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.retry = retry
    }

    /// Whether no provider is configured.
    public var isEmpty: Bool { providers.isEmpty }

    /// The provider and model for a step's `model:` (nil: the `default` provider's model).
    /// - Throws: ``ChatError`` `.configuration` when no provider fits.
    public func resolve(_ model: String?) throws(ChatError) -> (provider: ProviderSettings, model: String) {
        if let model, let provider = providers[model] { return (provider, provider.model) }
        guard let fallback = providers["default"] else {
            if isEmpty {
                throw ChatError(.configuration, "no model provider configured: add providers: {default: {base_url: …, model: …}} to runnel.yaml")
            }
            let names = providers.keys.sorted().joined(separator: ", ")
            throw ChatError(.configuration, "'\(model ?? "default")' is not a provider (providers: \(names)) and there is no 'default' provider to ask for it as a model")
        }
        return (fallback, model ?? fallback.model)
    }

    /// A client for a step's `model:`, with the API key read from `secrets`.
    /// - Throws: ``ChatError`` `.configuration` when no provider fits or its key secret is not set.
    public func client(for model: String?, secrets: any SecretStore) throws(ChatError) -> (client: OpenAIChatClient, model: String) {
        let (provider, name) = try resolve(model)
        var key: String?
        if let secret = provider.apiKeySecret {
            guard let value = secrets.value(named: secret) else {
                throw ChatError(.configuration, "provider '\(provider.name)' needs the secret '\(secret)' (its api_key_secret), which is not set")
            }
            key = value
        }
        return (OpenAIChatClient(provider: provider, apiKey: key, retry: retry), name)
    }
}

/// A catalog that changes while the process runs (the daemon reads `runnel.yaml` again at
/// every new commit); agent steps read the current one when they start.
public final class ProviderCatalogBox: Sendable {
    private let current: Mutex<ProviderCatalog>

    /// A box holding `catalog`.
    public init(_ catalog: ProviderCatalog = ProviderCatalog()) {
        current = Mutex(catalog)
    }

    /// The catalog now.
    public var catalog: ProviderCatalog { current.withLock { $0 } }

    /// Replaces the catalog.
    public func update(_ catalog: ProviderCatalog) { current.withLock { $0 = catalog } }
}
