import Foundation
import Logging
import HTTPTypes
public import Hummingbird
import NIOCore
import NIOEmbedded
public import RunnelMCP

/// Sends the MCP tools' API requests through the API's own router, in process: the same
/// routes, validation, admission, commits and scope checks as an HTTP client gets, without a
/// socket. `POST /mcp` uses it with the caller's key; `runnel mcp` over a local repository with none.
struct RouterTransport: APITransport {
    let responder: RouterResponder<BasicRequestContext>
    let context: BasicRequestContext
    /// The caller's credential headers (`Authorization`, `x-api-key`), passed on to every request.
    let credentials: HTTPFields

    func send(_ call: APIRequest) async throws(OperationError) -> APIAnswer {
        guard let method = HTTPRequest.Method(call.method) else {
            throw OperationError(status: 0, message: "not an HTTP method: \(call.method)")
        }
        var fields = credentials
        fields[.contentType] = "application/json"
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: call.target, headerFields: fields)
        let body = ByteBuffer(string: call.body?.serialized() ?? "")
        let request = Request(head: head, body: .init(buffer: body))
        do {
            let response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
            let collected = CollectedBody()
            try await response.body.write(BodyCollector(into: collected))
            return APIAnswer(status: response.status.code, body: collected.bytes)
        } catch {
            throw OperationError(status: 500, message: "\(call.method) \(call.path) failed: \(error)")
        }
    }
}

extension APIRoutes {
    /// The MCP operations of a local `runnel mcp`: the API's routes over this daemon, in process,
    /// with no key (keep `keys` nil: the person at the terminal may do what the CLI may).
    public func localOperations() -> any RunnelOperations {
        let source = ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: Logger(label: "runnel.mcp"))
        return APIOperations(transport: RouterTransport(responder: router().buildResponder(), context: BasicRequestContext(source: source),
                                                        credentials: [:]))
    }
}

/// The bytes a response body wrote.
private final class CollectedBody: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer: [UInt8] = []

    var bytes: [UInt8] { lock.withLock { buffer } }
    func append(_ more: ByteBuffer) { lock.withLock { buffer += more.readableBytesView } }
}

private struct BodyCollector: ResponseBodyWriter {
    let into: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws { into.append(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
