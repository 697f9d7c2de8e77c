/// `http_request`: one HTTP call; output `{status_code, headers, body}`.
public struct HTTPRequestConfig: Sendable, Hashable {
    /// HTTP method (default GET).
    public var method: HTTPMethod
    /// The URL (template).
    public var url: Located<String>
    /// Request headers (templates).
    public var headers: [NamedValue]
    /// Query parameters appended to the URL (templates).
    public var query: [NamedValue]
    /// Body: a string is sent as text, a mapping or sequence as JSON.
    public var body: SourceValue?
    /// Statuses that count as success (default: any 2xx).
    public var expectedStatus: [Int]
    /// Responses larger than this fail the step (default 10 MB).
    public var maxResponseBytes: Int?
    /// The toolkit whose bound connection the request goes through (its URL may then be
    /// relative to the connection's `base_url`).
    public var connection: Located<String>? = nil
}

/// HTTP methods a step may use.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS
}
