/// `webhook`: an outbound JSON request, optionally signed with `X-Runnel-Signature: sha256=…`.
public struct WebhookConfig: Sendable, Hashable {
    /// The URL (template).
    public var url: Located<String>
    /// HTTP method (default POST).
    public var method: HTTPMethod
    /// Extra headers (templates).
    public var headers: [NamedValue]
    /// JSON body (templates inside).
    public var body: SourceValue?
    /// Name of the secret used as the HMAC-SHA256 key.
    public var secret: Located<String>?
    /// The toolkit whose bound connection the request goes through.
    public var connection: Located<String>? = nil
}
