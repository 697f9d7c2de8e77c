import Foundation
import Hummingbird
import NIOCore
import RunnelCore

/// Reads request bodies: capped, parsed as JSON, with a clear 400 otherwise.
enum RequestBody {
    /// Bodies are capped at 1 MB.
    static let maxBytes = 1 << 20

    static func bytes(_ request: Request) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError(status: .contentTooLarge, code: "too_large", message: "the request body is over \(maxBytes) bytes")
        }
    }

    /// The body as a JSON object (an empty body is `{}`). A body sent as another content type
    /// than JSON (`application/json`, `…+json`; none given counts as JSON) is a 415.
    static func object(_ request: Request) async throws -> [String: JSONValue] {
        let data = try await bytes(request)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        if let type = request.headers[.contentType], !isJSON(type) {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                           message: "the body must be JSON (Content-Type: application/json), not \(type)")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw APIError.badRequest("the body is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw APIError.badRequest("the body must be a JSON object, not \(value.typeName)") }
        return object
    }
}

/// Whether a Content-Type names JSON: `application/json` or a `+json` type, any parameters.
func isJSON(_ contentType: String) -> Bool {
    let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
}

extension Parameters {
    /// A workflow id from a path segment: percent-decoded (`data%2Fetl` is `data/etl`), checked.
    func workflowID(_ name: String) throws -> String {
        guard let raw = get(name), let id = raw.removingPercentEncoding, !id.isEmpty else {
            throw APIError.badRequest("missing workflow id")
        }
        if let problem = WorkflowID.problem(with: id) { throw APIError.badRequest("invalid workflow id '\(id)': \(problem)") }
        return id
    }
}
