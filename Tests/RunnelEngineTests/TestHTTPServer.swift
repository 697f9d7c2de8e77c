import Foundation
import Hummingbird
import NIOCore

/// A real HTTP server on 127.0.0.1 (a free port) for the step runners' tests: JSON and text
/// responses, any status, slow responses, failures that clear after N tries, huge bodies,
/// and an echo that shows what a request carried.
final class TestHTTPServer: Sendable {
    let port: Int
    let requests: RequestLog
    private let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    /// Every request the server saw: method, path, headers (lower-cased) and body.
    actor RequestLog {
        struct Entry: Sendable {
            var method: String
            var path: String
            var headers: [String: String]
            var body: String
            /// The query string, when the URL had one.
            var query: String? = nil
        }
        private(set) var entries: [Entry] = []
        private var counters: [String: Int] = [:]

        func append(_ entry: Entry) { entries.append(entry) }

        /// Counts calls per key; returns the new count.
        func count(_ key: String) -> Int {
            counters[key, default: 0] += 1
            return counters[key] ?? 0
        }
    }

    static func start() async throws -> TestHTTPServer {
        let log = RequestLog()
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.middlewares.add(LoggingMiddleware(log: log))
        router.get("/json") { _, _ in json(#"{"ok":true,"items":[1,2,3]}"#) }
        router.get("/text") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "plain words"))) }
        router.get("/status/{code}") { _, context in
            let code = context.parameters.get("code", as: Int.self) ?? 500
            return json(#"{"status":\#(code)}"#, status: HTTPResponse.Status(code: code))
        }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(300))
            return json("{}")
        }
        router.get("/flaky/{key}/{failures}") { _, context in
            let key = context.parameters.get("key") ?? ""
            let failures = context.parameters.get("failures", as: Int.self) ?? 0
            let count = await log.count(key)
            return count <= failures ? json(#"{"try":\#(count)}"#, status: .internalServerError) : json(#"{"try":\#(count)}"#)
        }
        router.get("/big/{bytes}") { _, context in
            let bytes = context.parameters.get("bytes", as: Int.self) ?? 0
            return Response(status: .ok, headers: [.contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: bytes)))
        }
        router.get("/count/{key}") { _, context in
            let count = await log.count(context.parameters.get("key") ?? "")
            return json(#"{"count":\#(count)}"#)
        }
        router.on("/echo", method: .post) { request, _ in try await echo(request) }
        router.on("/echo", method: .put) { request, _ in try await echo(request) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  portContinuation.yield(channel.localAddress?.port ?? 0)
                                  portContinuation.finish()
                              })
        let task = Task { try await app.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw TestFailure(description: "the test HTTP server did not start")
        }
        return TestHTTPServer(port: port, log: log, task: task)
    }

    private init(port: Int, log: RequestLog, task: Task<Void, any Error>) {
        self.port = port
        self.requests = log
        self.task = task
    }

    func stop() { task.cancel() }
}

private func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
}

private func echo(_ request: Request) async throws -> Response {
    let body = try await request.body.collect(upTo: 1 << 20)
    return Response(status: .ok, headers: [.contentType: request.headers[.contentType] ?? "text/plain"], body: .init(byteBuffer: body))
}

/// Records each request before it is answered.
private struct LoggingMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: TestHTTPServer.RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        await log.append(.init(method: request.method.rawValue, path: request.uri.path, headers: headers,
                               body: String(buffer: body), query: request.uri.query))
        return try await next(request, context)
    }
}
