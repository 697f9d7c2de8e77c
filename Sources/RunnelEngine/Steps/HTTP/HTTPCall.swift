import Foundation
import RunnelCore

/// One HTTP request with every template evaluated: what `http_request` steps, `webhook`
/// steps and `wait` checks send.
struct HTTPCall: Sendable {
    /// A request body.
    enum Body: Sendable {
        /// Sent as `application/json`.
        case json(JSONValue)
        /// Sent as `text/plain` unless a `Content-Type` header says otherwise.
        case text(String)
    }

    var method: HTTPMethod
    var url: String
    var headers: [(name: String, value: String)]
    var body: Body?
    var expectedStatus: [Int]
    var maxResponseBytes: Int

    /// Responses are capped at 10 MB unless a step says otherwise.
    static let defaultMaxResponseBytes = 10 * 1024 * 1024

    /// The call an `http_request` config (or a wait's `check`) describes, evaluated in `context`.
    /// - Throws: ``StepFailure`` naming the field whose template could not be evaluated.
    init(_ config: HTTPRequestConfig, in context: EvaluationContext) throws(StepFailure) {
        method = config.method
        url = try Self.text(of: config.url.value, field: "url", in: context)
        headers = try Self.pairs(config.headers, field: "headers", in: context)
        let query = try Self.pairs(config.query, field: "query", in: context)
        if !query.isEmpty { url = Self.appending(query, to: url) }
        body = try config.body.map { value throws(StepFailure) in try Self.body(of: value, in: context) }
        expectedStatus = config.expectedStatus
        maxResponseBytes = config.maxResponseBytes ?? Self.defaultMaxResponseBytes
    }

    /// A call with the given parts (webhooks).
    init(method: HTTPMethod, url: String, headers: [(name: String, value: String)], body: Body?,
         expectedStatus: [Int] = [], maxResponseBytes: Int = HTTPCall.defaultMaxResponseBytes) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.expectedStatus = expectedStatus
        self.maxResponseBytes = maxResponseBytes
    }

    /// Whether `status` counts as success: one of `expectedStatus`, or any 2xx when none is given.
    func accepts(_ status: Int) -> Bool {
        expectedStatus.isEmpty ? (200..<300).contains(status) : expectedStatus.contains(status)
    }

    /// The body's bytes and the content type they are sent with.
    var encodedBody: (bytes: [UInt8], contentType: String)? {
        switch body {
        case nil: nil
        case .json(let value): (Array(value.serialized().utf8), "application/json")
        case .text(let text): (Array(text.utf8), "text/plain; charset=utf-8")
        }
    }

    // MARK: - Evaluating templates

    static func text(of template: String, field: String, in context: EvaluationContext) throws(StepFailure) -> String {
        do {
            guard Template.containsExpression(template) else { return template }
            return try Template(parsing: template).evaluate(in: context).text
        } catch {
            throw StepFailure("'\(field)' could not be evaluated: \(error)")
        }
    }

    static func pairs(_ values: [NamedValue], field: String, in context: EvaluationContext) throws(StepFailure) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for item in values {
            do {
                result.append((item.name.value, try item.value.evaluated(in: context).text))
            } catch {
                throw StepFailure("'\(field).\(item.name.value)' could not be evaluated: \(error)")
            }
        }
        return result
    }

    static func body(of value: SourceValue, in context: EvaluationContext) throws(StepFailure) -> Body {
        let evaluated: JSONValue
        do {
            evaluated = try value.evaluated(in: context)
        } catch {
            throw StepFailure("'body' could not be evaluated: \(error)")
        }
        // A body written as a string is text, even when its one expression gives an object.
        if case .string = value.kind, case .string(let text) = evaluated { return .text(text) }
        return .json(evaluated)
    }

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()

    static func appending(_ query: [(name: String, value: String)], to url: String) -> String {
        let encoded = query.map { pair in
            let name = pair.name.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? pair.name
            let value = pair.value.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? pair.value
            return "\(name)=\(value)"
        }.joined(separator: "&")
        let (base, fragment) = url.firstIndex(of: "#").map { (String(url[..<$0]), String(url[$0...])) } ?? (url, "")
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + encoded + fragment
    }
}

extension JSONValue {
    /// The value as text for a URL, header or environment variable: strings as they are,
    /// null as empty, anything else as JSON.
    var text: String {
        switch self {
        case .string(let s): s
        case .null: ""
        default: serialized()
        }
    }
}
