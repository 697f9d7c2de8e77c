public import Hummingbird
public import RunnelDaemon

/// The HTTP face of a daemon: the routes of the API, on Hummingbird. It decides nothing:
/// every route calls the daemon or its engine and turns the answer into JSON.
public struct APIRoutes: Sendable {
    let daemon: Daemon
    let keys: APIKeys?
    let definitions = DefinitionCache()

    /// Routes over `daemon`; with `keys`, every route but health, readiness, `/openapi.yaml`, `/schema/*`
    /// and inbound hooks needs a key with the right scope (`nil`: no authentication, for
    /// local use only).
    public init(daemon: Daemon, keys: APIKeys?) {
        self.daemon = daemon
        self.keys = keys
    }

    /// The router with every route. ``OpenAPIDocument`` describes each of them (a test
    /// compares the two through `Router.routes`).
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(NotFoundMiddleware())
        if let keys {
            router.middlewares.add(AuthMiddleware(keys: KeyRing(keys)))
        } else {
            router.middlewares.add(AnonymousMiddleware())
        }
        addOperationRoutes(to: router)
        addWriteRoutes(to: router)
        addHistoryRoutes(to: router)
        addWorkflowRoutes(to: router)
        addRunRoutes(to: router)
        addStreamRoute(to: router)
        addTriggerRoutes(to: router)
        addApprovalRoutes(to: router)
        addApprovalLinkRoutes(to: router)
        addGitHookRoute(to: router)
        addTemplateRoutes(to: router)
        addScheduleRoutes(to: router)
        addGenerationRoutes(to: router)
        addSchemaRoutes(to: router)
        return router
    }
}
