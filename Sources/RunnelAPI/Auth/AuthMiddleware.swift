import Hummingbird

/// Checks the API key of every request but health, readiness, the OpenAPI document and
/// inbound hooks (`Authorization: Bearer …` or `x-api-key`) and the scope the route needs:
/// reads (`/metrics` too) need `read`; starting, cancelling runs and posting events `run`;
/// deleting records `admin`.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: KeyRing

    /// The paths that need no key (inbound hooks, under `/hooks/`, neither).
    static var openPaths: Set<String> { ["/healthz", "/readyz", "/openapi.yaml"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.openPaths.contains(path) || path.hasPrefix("/hooks/") { return try await next(request, context) }
        guard let presented = Self.presentedKey(request) else {
            throw APIError.unauthorized("an API key is required (Authorization: Bearer … or x-api-key)")
        }
        guard let key = keys.current().key(for: presented) else { throw APIError.unauthorized("the API key is not valid or was revoked") }
        let needed = Self.scope(method: request.method, path: path)
        guard key.allows(needed) else {
            throw APIError.forbidden("the key '\(key.name)' lacks the '\(needed.rawValue)' scope")
        }
        return try await next(request, context)
    }

    static func presentedKey(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return request.headers.first { $0.name.canonicalName == "x-api-key" }?.value
    }

    static func scope(method: HTTPRequest.Method, path: String) -> APIKeys.Scope {
        switch method {
        case .get, .head: .read
        case .delete: .admin
        default: .run
        }
    }
}
