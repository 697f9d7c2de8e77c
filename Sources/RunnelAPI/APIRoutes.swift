public import Hummingbird
public import RunnelDaemon

/// The HTTP face of a daemon: the routes of the API, on Hummingbird. It decides nothing:
/// every route calls the daemon or its engine and turns the answer into JSON.
public struct APIRoutes: Sendable {
    let daemon: Daemon

    /// Routes over `daemon`.
    public init(daemon: Daemon) {
        self.daemon = daemon
    }

    /// The router with every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        addWorkflowRoutes(to: router)
        addRunRoutes(to: router)
        addTriggerRoutes(to: router)
        return router
    }
}
