import Foundation
import Hummingbird
import NIOCore
import RunnelEngine
import ServiceLifecycle

extension APIRoutes {
    /// How often an idle stream sends a comment line, so proxies keep it open.
    static let heartbeat: Duration = .seconds(15)

    /// `GET /api/runs/{run_id}/stream`: Server-Sent Events, one per recorded event (`id:` is
    /// the event's id, `event:` its type, `data:` its JSON). `Last-Event-ID` (or `?after=`)
    /// replays from after that id. The stream stays open while the run waits (heartbeats
    /// every 15 s) and ends after the event that ends the run.
    func addStreamRoute(to router: Router<BasicRequestContext>) {
        router.get("/api/runs/{run_id}/stream") { request, context in
            let id = context.parameters.get("run_id") ?? ""
            let header = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
            let after = try RequestNumber.integer(header ?? request.uri.queryParameters.get("after"), header == nil ? "after" : "Last-Event-ID",
                                                  in: .nonNegative) ?? 0
            guard await daemon.store.record(id) != nil else { throw APIError.notFound("run '\(id)' not found") }
            let events = await daemon.engine.events(id, after: after)
            let body = ResponseBody { writer in
                // The run's events and a heartbeat (nil) every so often, in one sequence.
                let (chunks, continuation) = AsyncStream<RunEvent?>.makeStream()
                let forward = Task {
                    for await event in events { continuation.yield(event) }
                    continuation.finish()
                }
                let beat = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Self.heartbeat)
                        continuation.yield(nil)
                    }
                }
                defer {
                    forward.cancel()
                    beat.cancel()
                }
                // A shutting-down server ends its streams; clients reconnect with Last-Event-ID.
                try await withGracefulShutdownHandler {
                    for await chunk in chunks {
                        let text = chunk.map(Self.frame) ?? ": heartbeat\n\n"
                        try await writer.write(ByteBuffer(string: text))
                    }
                } onGracefulShutdown: {
                    continuation.finish()
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
    }

    static func frame(_ event: RunEvent) -> String {
        "id: \(event.id)\nevent: \(event.kind.rawValue)\ndata: \(event.jsonText())\n\n"
    }
}
