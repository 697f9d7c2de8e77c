public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RunnelCore

/// Sends the API requests to a running daemon over HTTP (`runnel mcp --api URL`), with the API
/// key as its bearer token: the daemon checks the key's scope for each call.
public struct HTTPAPITransport: APITransport {
    let base: String
    let key: String?
    let client: HTTPClient

    /// Requests to `base` (`http://127.0.0.1:8080`) with `key`, through `client`.
    public init(base: String, key: String?, client: HTTPClient = .shared) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.key = key
        self.client = client
    }

    public func send(_ request: APIRequest) async throws(OperationError) -> APIAnswer {
        var outgoing = HTTPClientRequest(url: base + request.target)
        outgoing.method = HTTPMethod(rawValue: request.method)
        if let key { outgoing.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(string: body.serialized()))
        }
        do {
            let response = try await client.execute(outgoing, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            return APIAnswer(status: Int(response.status.code), body: Array(body.readableBytesView))
        } catch {
            throw OperationError(status: 0, message: "cannot reach the Runnel API at \(base): \(error)")
        }
    }
}
