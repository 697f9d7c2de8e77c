import Hummingbird
import NIOCore
import RunnelCore

extension APIRoutes {
    /// `/healthz`, `/readyz` and `/openapi.yaml` (no key needed) and `/metrics` (`read` scope).
    func addOperationRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        // The server starts after the daemon's first reconcile: once it answers, it is ready.
        // It reads the last snapshot, so it answers at once while a later reconcile runs.
        router.get("/readyz") { _, _ in
            let snapshot = daemon.snapshot
            return JSONResponse.make(["status": "ready", "active_commit": snapshot.activeCommit.map(JSONValue.string) ?? .null,
                                      "reconciling": snapshot.reconciling.map(JSONValue.string) ?? .null])
        }
        router.get("/openapi.yaml") { _, _ in OpenAPIDocument.response() }
        router.get("/metrics") { _, _ in
            let bytes = await MetricsSnapshot(daemon: daemon).exposition(daemon.engine.metrics)
            return Response(status: .ok, headers: [.contentType: MetricsSnapshot.contentType],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
