public import RunnelCore

/// One request to Runnel's HTTP API and its answer, however it travels (HTTP, or the router in process).
public protocol APITransport: Sendable {
    /// Sends `method path?query` with a JSON `body`; returns the status and the body's bytes.
    /// - Throws: ``OperationError`` with status 0 when no answer came.
    func send(_ request: APIRequest) async throws(OperationError) -> APIAnswer
}

/// A request to the API.
public struct APIRequest: Sendable {
    /// `GET`, `POST`…
    public var method: String
    /// The path, each id already percent-encoded (`/api/workflows/data%2Fetl`).
    public var path: String
    /// Query items, in order.
    public var query: [(String, String)]
    /// The JSON body, if any.
    public var body: JSONValue?

    /// A request.
    public init(_ method: String, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
    }

    /// The path with its query string.
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes a path segment or query value (everything but unreserved characters).
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

/// The API's answer.
public struct APIAnswer: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body.
    public var body: [UInt8]

    /// An answer.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
