public import Hummingbird
public import RunnelDaemon
import RunnelCore

/// The HTTP face of a daemon: the routes of the API, on Hummingbird. It decides nothing:
/// every route calls the daemon or its engine and turns the answer into JSON.
public struct APIRoutes: Sendable {
    let daemon: Daemon
    let keys: APIKeys?

    /// Routes over `daemon`; with `keys`, every route but health and inbound hooks needs a
    /// key with the right scope (`nil`: no authentication, for local use only).
    public init(daemon: Daemon, keys: APIKeys?) {
        self.daemon = daemon
        self.keys = keys
    }

    /// The router with every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        if let keys { router.middlewares.add(AuthMiddleware(keys: KeyRing(keys))) }
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        // The server starts after the daemon's first reconcile: once it answers, it is ready.
        router.get("/readyz") { _, _ in
            JSONResponse.make(["status": "ready", "active_commit": await daemon.activeCommit.map(JSONValue.string) ?? .null])
        }
        addWriteRoutes(to: router)
        addHistoryRoutes(to: router)
        addWorkflowRoutes(to: router)
        addRunRoutes(to: router)
        addStreamRoute(to: router)
        addTriggerRoutes(to: router)
        return router
    }
}
