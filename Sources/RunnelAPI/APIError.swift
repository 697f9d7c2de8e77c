import Foundation
import Hummingbird
import NIOCore
import RunnelCore
import RunnelEngine

/// An error the API answers with: a status and `{"error": {"code", "message", "details"}}`.
struct APIError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var details: JSONValue = .null

    static func badRequest(_ message: String, details: JSONValue = .null) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: message, details: details)
    }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }
    static func unauthorized(_ message: String) -> APIError { APIError(status: .unauthorized, code: "unauthorized", message: message) }
    static func forbidden(_ message: String) -> APIError { APIError(status: .forbidden, code: "forbidden", message: message) }

    /// The API's answer to an engine refusal.
    init(_ error: EngineError) {
        switch error.kind {
        case .invalidInput:
            self.init(status: .badRequest, code: "invalid_input", message: error.description,
                      details: error.details.isEmpty ? .null : ["problems": .array(error.details.map(JSONValue.string))])
        case .forbidden: self.init(status: .forbidden, code: "forbidden", message: error.description)
        case .notFound: self.init(status: .notFound, code: "not_found", message: error.description)
        case .conflict: self.init(status: .conflict, code: "conflict", message: error.description)
        case .unprocessable: self.init(status: .unprocessableContent, code: "unprocessable", message: error.description)
        case .storage: self.init(status: .internalServerError, code: "storage", message: error.description)
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String, details: JSONValue = .null) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body: JSONValue = ["error": ["code": .string(code), "message": .string(message), "details": details]]
        return JSONResponse.make(body, status: status)
    }
}

/// JSON responses.
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: value.serialized() + "\n")))
    }

    static func make(text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
