public import Hummingbird
public import RunnelDaemon

/// The HTTP face of a daemon: the routes of the API, on Hummingbird. It decides nothing:
/// every route calls the daemon or its engine and turns the answer into JSON.
public struct APIRoutes: Sendable {
    let daemon: DaemonServices
    let keys: APIKeys?
    let workflowBodies = WorkflowBodyCache()
    let deliveries: WebhookDeliveries
    let keyStore: (any APIKeyStore)?

    /// Routes over `daemon`; with `keys`, every route but health, readiness, `/openapi.yaml`, `/schema/*`
    /// and inbound hooks needs a key with the right scope (`nil`: no authentication, for
    /// local use only). Webhook deliveries are remembered in `deliveries` (default: the file
    /// `webhook-deliveries.jsonl` of the daemon's state folder).
    /// With `keyStore`, keys are looked up there instead (cluster mode: one store for every node).
    public init(daemon: DaemonServices, keys: APIKeys?, deliveries: (any DeliveryStore)? = nil, keyStore: (any APIKeyStore)? = nil) {
        self.daemon = daemon
        self.keys = keys
        self.keyStore = keyStore
        let store = deliveries ?? FileDeliveryStore(path: daemon.stateFolder + "/webhook-deliveries.jsonl")
        self.deliveries = WebhookDeliveries(store: store)
    }

    /// The router with every route. ``OpenAPIDocument`` describes each of them (a test
    /// compares the two through `Router.routes`).
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let table = RouteTable()
        router.middlewares.add(NotFoundMiddleware(routes: table))
        if let keyStore {
            router.middlewares.add(AuthMiddleware { presented in
                do { return try await keyStore.key(for: presented) } catch {
                    throw APIError(status: .serviceUnavailable, code: "keys_unavailable", message: "\(error)")
                }
            })
        } else if let keys {
            let ring = KeyRing(keys)
            router.middlewares.add(AuthMiddleware { ring.current().key(for: $0) })
        } else {
            router.middlewares.add(AnonymousMiddleware())
        }
        addOperationRoutes(to: router)
        addWriteRoutes(to: router)
        addHistoryRoutes(to: router)
        addWorkflowRoutes(to: router)
        addRunRoutes(to: router)
        addStreamRoute(to: router)
        addLogRoutes(to: router)
        addTriggerRoutes(to: router)
        addApprovalRoutes(to: router)
        addApprovalLinkRoutes(to: router)
        addGitHookRoute(to: router)
        addTemplateRoutes(to: router)
        addScheduleRoutes(to: router)
        addGenerationRoutes(to: router)
        addSchemaRoutes(to: router)
        addMCPRoute(to: router)
        addConnectionRoutes(to: router)
        addGalleryRoutes(to: router)
        table.fill(from: router)
        return router
    }
}
