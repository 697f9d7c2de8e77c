public import Hummingbird
public import RunnelAPI
public import RunnelDaemon

/// The web UI of `runnel serve`: server-rendered pages at `/dashboard` (`/` redirects there),
/// over the API. Every page reads and every button writes through the API's own routes,
/// called in-process with the signed-in key, so the API's scope checks, validation and
/// errors are the dashboard's too; a page hides what the key's scopes would refuse.
public struct Dashboard: Sendable {
    let daemon: DaemonServices
    let api: APIClient
    let keys: KeyRing?
    let sessions = SessionStore()
    let pages: PageRenderer
    /// Whether session cookies are marked `Secure` (the server is reached over https).
    let secureCookies: Bool

    /// The dashboard of `daemon` over `api`; `keys` nil is `--no-auth` (every page says so).
    /// With `secureCookies`, the session cookie is `Secure` (also when a proxy sends
    /// `X-Forwarded-Proto: https`).
    public init(daemon: DaemonServices, api: APIRoutes, keys: APIKeys?, secureCookies: Bool = false) {
        self.daemon = daemon
        self.api = APIClient(responder: api.router().buildResponder())
        self.keys = keys.map(KeyRing.init)
        self.pages = PageRenderer()
        self.secureCookies = secureCookies
    }

    /// The router of the whole server: the dashboard's routes, and every other path to the API.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(APIPassThrough(api: api))
        router.get("/") { _, _ in Response.redirect(to: "/dashboard", type: .found) }
        addAssetRoutes(to: router)
        addSessionRoutes(to: router)
        addWorkflowPages(to: router)
        addRunPages(to: router)
        addApprovalPages(to: router)
        addVersionPages(to: router)
        addStatusPage(to: router)
        addActionRoutes(to: router)
        return router
    }

    /// Whether `path` is the dashboard's (the rest is the API's).
    static func isDashboard(_ path: String) -> Bool {
        path == "/" || path == "/dashboard" || path.hasPrefix("/dashboard/")
    }
}

/// Sends every request that isn't the dashboard's to the API's router, unchanged.
struct APIPassThrough: RouterMiddleware {
    let api: APIClient

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        if Dashboard.isDashboard(request.uri.path) { return try await next(request, context) }
        return try await api.responder.respond(to: request, context: context)
    }
}
