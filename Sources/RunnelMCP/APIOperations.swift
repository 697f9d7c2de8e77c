public import RunnelCore

/// ``RunnelOperations`` over Runnel's HTTP API: every operation is one API request (the file
/// of a workflow two), so the API's own routes decide (validation, admission, commits, scopes).
public struct APIOperations: RunnelOperations {
    let transport: any APITransport

    /// Operations that send their requests through `transport`.
    public init(transport: any APITransport) {
        self.transport = transport
    }

    public func listWorkflows(_ filter: [String: String]) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/workflows", query: filter.sorted { $0.key < $1.key }))
    }

    public func workflow(_ id: String) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/workflows/" + APIRequest.encode(id)))
    }

    public func schedules(_ id: String) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/workflows/\(APIRequest.encode(id))/schedules"))
    }

    public func workflowFile(_ id: String) async throws(OperationError) -> String {
        let path = "/api/workflows/\(APIRequest.encode(id))/versions"
        let versions = try await json(APIRequest("GET", path))["versions"]?.arrayValue ?? []
        // Newest first; its number reads the file as that commit holds it.
        guard let newest = versions.first?["number"]?.numberValue, newest.isFinite, newest >= 1, newest < 1e15 else {
            throw OperationError(status: 404, code: "not_found", message: "workflow '\(id)' has no committed version")
        }
        let version = try await json(APIRequest("GET", path + "/\(Int(newest))"))
        guard let text = version["yaml"]?.stringValue else {
            throw OperationError(status: 502, message: "the API's answer for version \(Int(newest)) of '\(id)' has no 'yaml'")
        }
        return text
    }

    public func validate(_ definition: String, path: String?) async throws(OperationError) -> JSONValue {
        var body: [String: JSONValue] = ["definition": .string(definition)]
        if let path { body["path"] = .string(path) }
        return try await json(APIRequest("POST", "/api/workflows/validate", body: .object(body)))
    }

    public func templates() async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/templates"))
    }

    public func installTemplate(_ id: String, name: String?, parameters: [String: JSONValue]) async throws(OperationError) -> JSONValue {
        var body: [String: JSONValue] = ["params": .object(parameters)]
        if let name { body["name"] = .string(name) }
        return try await json(APIRequest("POST", "/api/templates/\(APIRequest.encode(id))/install", body: .object(body)))
    }

    public func trigger(_ id: String, inputs: [String: JSONValue], trigger: String) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("POST", "/api/workflows/\(APIRequest.encode(id))/run",
                                  body: ["input_data": .object(inputs), "trigger": .string(trigger)]))
    }

    public func run(_ id: String) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/runs/" + APIRequest.encode(id)))
    }

    public func logTail(_ runID: String, lines: Int) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/runs/\(APIRequest.encode(runID))/logs", query: [("tail", String(lines))]))
    }

    public func cancel(_ runID: String) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("POST", "/api/runs/\(APIRequest.encode(runID))/cancel"))
    }

    public func listRuns(_ filter: [String: String]) async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/runs", query: filter.sorted { $0.key < $1.key }))
    }

    public func approvals() async throws(OperationError) -> JSONValue {
        try await json(APIRequest("GET", "/api/approvals"))
    }

    /// Sends `request`; a 2xx answer's JSON body, else the API's error as an ``OperationError``.
    private func json(_ request: APIRequest) async throws(OperationError) -> JSONValue {
        let answer = try await transport.send(request)
        let text = String(decoding: answer.body, as: UTF8.self)
        let value = try? JSONParser.parse(text)
        guard (200..<300).contains(answer.status) else {
            let error = value?["error"]
            let message = error?["message"]?.stringValue ?? error?.stringValue ?? value?["message"]?.stringValue
                ?? (text.isEmpty ? "the API answered \(answer.status)" : String(text.prefix(500)))
            throw OperationError(status: answer.status, code: error?["code"]?.stringValue, message: message)
        }
        guard let value else {
            throw OperationError(status: 502, message: "the API's answer to \(request.method) \(request.path) is not JSON")
        }
        return value
    }
}
