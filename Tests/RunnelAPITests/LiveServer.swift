import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import RunnelAPI

/// A real server on 127.0.0.1 (a free port) over a router, and a real HTTP client for it
/// that opens as many connections as it is asked for at once.
struct LiveServer {
    let port: Int
    let client: HTTPClient
    private let server: Task<Void, any Error>

    init(_ router: Router<BasicRequestContext>) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        server = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        port = await iterator.next() ?? 0
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 400)
        configuration.timeout = .init(connect: .seconds(20), read: .seconds(60))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends one request; returns the status and the body.
    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), String(buffer: bytes))
    }

    /// Runs `body` against a live server over `router`, and shuts the client and the server
    /// down however `body` ends (an HTTPClient must be shut down before it goes away).
    static func with<T: Sendable>(_ router: Router<BasicRequestContext>, _ body: (LiveServer) async throws -> T) async throws -> T {
        let server = try await LiveServer(router)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    func stop() async {
        try? await client.shutdown()
        server.cancel()
    }
}
