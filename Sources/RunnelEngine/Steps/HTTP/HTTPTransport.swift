import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RunnelCore

/// Sends ``HTTPCall``s through AsyncHTTPClient and turns responses into step outputs.
struct HTTPTransport: Sendable {
    let client: HTTPClient
    /// The longest one request may take when the step has no tighter timeout.
    let requestTimeout: TimeAmount
    /// The connections of `runnel.yaml` that steps' `connection:` reach.
    let connections: ConnectionCatalogBox

    init(client: HTTPClient = HTTPTransport.sharedClient, requestTimeout: TimeAmount = .minutes(10),
         connections: ConnectionCatalogBox = ConnectionCatalogBox()) {
        self.client = client
        self.requestTimeout = requestTimeout
        self.connections = connections
    }

    /// `call` as it is sent: through the connection `toolkit` is bound to (see
    /// ``HTTPCall/through(_:_:catalog:)``), or unchanged without one.
    func prepare(_ call: HTTPCall, through toolkit: String?, for invocation: StepInvocation) throws(StepFailure) -> HTTPCall {
        try call.through(toolkit, invocation, catalog: connections.catalog)
    }

    /// The process's client for steps. A connection that can't be made fails the attempt at
    /// once (or after 10 s of trying to connect) instead of being retried until the request's
    /// deadline: a step's own `retry` decides what happens next.
    static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// A response as a step output: `{status_code, headers, body}`.
    struct Response: Sendable {
        var status: Int
        var output: JSONValue
    }

    /// Sends `call`; a response of any status is returned, a connection error, a cancelled
    /// request or a response over the size cap throws.
    func send(_ call: HTTPCall) async throws(StepFailure) -> Response {
        var request = HTTPClientRequest(url: call.url)
        request.method = NIOHTTP1.HTTPMethod(rawValue: call.method.rawValue)
        request.headers.add(name: "User-Agent", value: "runnel")
        for header in call.headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        if let (bytes, contentType) = call.encodedBody {
            if !request.headers.contains(name: "Content-Type") {
                request.headers.add(name: "Content-Type", value: contentType)
            }
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: requestTimeout)
        } catch {
            throw StepFailure("\(call.method.rawValue) \(call.url) failed: \(Self.describe(error))")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: call.maxResponseBytes)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw StepFailure("the response of \(call.method.rawValue) \(call.url) is larger than \(call.maxResponseBytes) bytes (max_response_bytes)")
        } catch {
            throw StepFailure("reading the response of \(call.method.rawValue) \(call.url) failed: \(Self.describe(error))")
        }
        let status = Int(response.status.code)
        let output: JSONValue = [
            "status_code": .number(Double(status)),
            "headers": .object(Self.headers(response.headers)),
            "body": Self.body(buffer, contentType: response.headers.first(name: "Content-Type")),
        ]
        return Response(status: status, output: output)
    }

    /// Header names in lower case; repeated headers joined with ", ".
    static func headers(_ headers: HTTPHeaders) -> [String: JSONValue] {
        var result: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            result[key] = result[key].map { $0 + ", " + value } ?? value
        }
        return result.mapValues(JSONValue.string)
    }

    /// A JSON body parsed (when the content type says JSON and it parses), anything else as text.
    static func body(_ buffer: ByteBuffer, contentType: String?) -> JSONValue {
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        if text.isEmpty { return .string("") }
        let isJSON = contentType.map { $0.lowercased().contains("json") } ?? false
        if isJSON, let value = try? JSONParser.parse(text) { return value }
        return .string(text)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded: return "timed out"
            case .cancelled: return "cancelled"
            case .connectTimeout: return "connection timed out"
            default: return String(describing: error)
            }
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}
