import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RunnelCore

/// Calls the API's routes in-process, as a client would over HTTP: the same middlewares
/// (key and scope checks), the same validation, the same JSON answers and errors.
struct APIClient: Sendable {
    let responder: RouterResponder<BasicRequestContext>

    /// `method path` with `body` as JSON, authenticated with `key` (nil: none, for `--no-auth`).
    func call(_ method: HTTPRequest.Method, _ path: String, body: JSONValue? = nil, key: String?,
              context: BasicRequestContext) async -> APIAnswer {
        let request = Self.request(method, path, body: body, key: key)
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            do {
                response = try error.response(from: request, context: context)
            } catch {
                return APIAnswer(status: .internalServerError, json: .null, failure: "\(error)")
            }
        } catch {
            return APIAnswer(status: .internalServerError, json: .null, failure: "\(error)")
        }
        let text = await Self.collect(&response)
        let json = (try? JSONParser.parse(text)) ?? .null
        var failure: String?
        if response.status.code >= 400 {
            failure = json["error"]?["message"]?.stringValue ?? "the API answered \(response.status.code)"
        }
        return APIAnswer(status: response.status, json: json, failure: failure)
    }

    /// The API's answer to `method path` as it is (for streams).
    func stream(_ path: String, key: String?, lastEventID: String?, context: BasicRequestContext) async throws -> Response {
        let request = Self.request(.get, path, body: nil, key: key, lastEventID: lastEventID)
        return try await responder.respond(to: request, context: context)
    }

    static func request(_ method: HTTPRequest.Method, _ path: String, body: JSONValue?, key: String?, lastEventID: String? = nil) -> Request {
        var fields = HTTPFields()
        if let lastEventID, let name = HTTPField.Name("Last-Event-ID") { fields[name] = lastEventID }
        if let key { fields[.authorization] = "Bearer " + key }
        var buffer = ByteBuffer()
        if let body {
            fields[.contentType] = "application/json"
            buffer = ByteBuffer(string: body.serialized())
        }
        let head = HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path, headerFields: fields)
        return Request(head: head, body: RequestBody(buffer: buffer))
    }

    static func collect(_ response: inout Response) async -> String {
        let box = CollectedBody()
        do {
            try await response.body.write(CollectingWriter(box: box))
        } catch {
            return ""
        }
        return String(buffer: box.buffer)
    }
}

/// An answer of the API: its status, its JSON, and its error message when it refused.
struct APIAnswer: Sendable {
    var status: HTTPResponse.Status
    var json: JSONValue
    var failure: String?

    /// The answer's JSON when the API accepted, else nil.
    var value: JSONValue? { failure == nil ? json : nil }
}

final class CollectedBody: @unchecked Sendable {
    var buffer = ByteBuffer()
}

struct CollectingWriter: ResponseBodyWriter {
    let box: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
