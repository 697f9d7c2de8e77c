import HTTPTypes
import Hummingbird

/// Checks the API key of every request but health, readiness, the OpenAPI document, the editor schemas and
/// inbound hooks (`Authorization: Bearer …` or `x-api-key`) and the scope the route needs:
/// reads (`/metrics` too) need `read`; starting, cancelling runs and posting events `run`;
/// workflow, template-install and schedule writes `write`; deleting records `admin`.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The active key of a presented secret (the keys file through ``KeyRing``, or an ``APIKeyStore``).
    let lookup: @Sendable (String) async throws -> APIKeys.Key?

    /// The header the middleware sets to the key's name for the routes (a client's own is dropped).
    static var principalHeader: String { "x-runnel-principal" }

    /// The paths that need no key (inbound hooks, under `/hooks/`, neither).
    /// Approval links carry their own credential, a signed token.
    static var openPaths: Set<String> { ["/healthz", "/readyz", "/openapi.yaml", "/api/approvals/resume"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let request = Self.with(principal: nil, request)
        let path = request.uri.path
        if Self.openPaths.contains(path) || path.hasPrefix("/hooks/") || path.hasPrefix("/schema/") || Self.isGallery(request.method, path) {
            return try await next(request, context)
        }
        guard let presented = Self.presentedKey(request) else {
            throw APIError.unauthorized("an API key is required (Authorization: Bearer … or x-api-key)")
        }
        guard let key = try await lookup(presented) else { throw APIError.unauthorized("the API key is not valid or was revoked") }
        let needed = Self.scope(method: request.method, path: path)
        guard key.allows(needed) else {
            throw APIError.forbidden("the key '\(key.name)' lacks the '\(needed.rawValue)' scope")
        }
        return try await next(Self.with(principal: key.name, request), context)
    }

    /// Whether a request reads the community gallery (`explore`, `community`, `public/{id}`),
    /// which answers without a key through the public allow-list.
    static func isGallery(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        guard method == .get || method == .head else { return false }
        if path == "/api/workflows/explore" || path == "/api/workflows/community" { return true }
        let prefix = "/api/workflows/public/"
        return path.hasPrefix(prefix) && path.count > prefix.count && !path.dropFirst(prefix.count).contains("/")
    }

    /// `request` with the principal header set to `name` (or removed), whatever the client sent.
    static func with(principal name: String?, _ request: Request) -> Request {
        guard let field = HTTPField.Name(principalHeader) else { return request }
        var head = request.head
        head.headerFields[values: field] = name.map { [$0] } ?? []
        return Request(head: head, body: request.body)
    }

    static func presentedKey(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return request.headers.first { $0.name.canonicalName == "x-api-key" }?.value
    }

    static func scope(method: HTTPRequest.Method, path: String) -> APIKeys.Scope {
        let workflows = path == "/api/workflows" || (path.hasPrefix("/api/workflows/") && !path.hasSuffix("/run"))
        if method == .get || method == .head { return .read }
        if method == .post, path == "/api/workflows/validate" { return .read }
        // Any key may talk MCP; each tool's API calls are checked against their own routes' scopes.
        if method == .post, path == "/mcp" { return .read }
        if workflows || path.hasPrefix("/api/templates/") || path.hasPrefix("/api/schedules/") { return .write }
        return method == .delete ? .admin : .run
    }
}
