import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension APIRoutes {
    /// Writes are commits on the watched branch by the API key's owner, with the body's
    /// `change_summary` as the message, based on `If-Match: <commit>` or `base_commit` (a
    /// stale base is 409), validated first (an invalid definition is 422, nothing committed).
    func addWriteRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/workflows/validate") { request, _ in
            let body = try await RequestBody.object(request)
            let yaml = try Self.definitionText(body)
            // What a create or update of that file would say (the daemon's one validation path);
            // `path: runnel.yaml` checks the repository settings.
            let diagnostics: [Diagnostic]
            let path = try Self.optionalString(body, "path")
            if path == RepositorySettings.path {
                diagnostics = RepositorySettings.diagnostics(yaml)
            } else {
                diagnostics = await daemon.writer.check(writing: yaml, as: path.map(Self.id(fromPath:)) ?? "validate").all
            }
            return JSONResponse.make(["valid": .bool(!diagnostics.contains { $0.severity == .error }),
                                      "errors": .array(diagnostics.map(Self.diagnostic))])
        }
        router.post("/api/workflows") { request, _ in
            let body = try await RequestBody.object(request)
            let yaml = try Self.definitionText(body)
            let id: String
            if let path = try Self.optionalString(body, "path") {
                id = Self.id(fromPath: path)
            } else {
                let name = WorkflowLoader.load(path: "workflows/new.yaml", text: yaml).workflow?.name ?? ""
                id = WorkflowID.slug(name)
            }
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.writeWorkflow(id: id, yaml: yaml, create: true, message: Self.message(body, "Create \(id)"),
                                               author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .created)
        }
        router.put("/api/workflows/{id}") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let yaml = try Self.definitionText(body)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.writeWorkflow(id: id, yaml: yaml, create: false, message: Self.message(body, "Update \(id)"),
                                               author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .ok)
        }
        router.patch("/api/workflows/{id}/status") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            guard let status = body["status"]?.stringValue else { throw APIError.badRequest("'status' is required") }
            // Asking for the status it has is answered as done: nothing to commit, not an error.
            if let entry = await daemon.workflows[id], entry.active != nil, entry.state == status {
                _ = try await WriteBase.resolve(request, body, daemon: daemon)
                let tip = try await WriteBase.branchTip(daemon)
                return Self.written(id, commit: tip ?? "", entry: entry, status: .ok)
            }
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.setStatus(id: id, status: status, message: Self.message(body, "Set \(id) to \(status)"),
                                           author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .ok)
        }
        router.delete("/api/workflows/{id}") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.deleteWorkflow(id: id, message: Self.message(body, "Delete \(id)"),
                                                author: Self.principal(request), base: base)
            }
            var response = JSONResponse.make(["id": .string(id), "commit": .string(result.commit), "branch_commit": .string(result.commit), "deleted": true])
            response.headers[.eTag] = WriteBase.etag(result.commit)
            return response
        }
    }

    /// Runs a daemon call, answering its ``WriteError`` with the matching status and JSON error.
    static func mappingWriteErrors<T>(_ body: () async throws(WriteError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            let details: JSONValue = error.diagnostics.isEmpty ? .null : ["diagnostics": .array(error.diagnostics.map(JSONValue.string))]
            switch error.kind {
            case .stale: throw APIError(status: .conflict, code: "stale", message: error.description)
            case .exists: throw APIError(status: .conflict, code: "exists", message: error.description)
            case .readOnly: throw APIError(status: .conflict, code: "read_only", message: error.description)
            case .conflict: throw APIError(status: .conflict, code: "conflict", message: error.description)
            case .notFound: throw APIError.notFound(error.description)
            case .invalid where !error.diagnostics.isEmpty:
                throw APIError(status: .unprocessableContent, code: "invalid_definition", message: error.description, details: details)
            case .invalid: throw APIError.badRequest(error.description)
            case .invalidParameters:
                let parameters = error.parameters.map { JSONValue.object(["name": .string($0.name), "message": .string($0.message)]) }
                throw APIError(status: .unprocessableContent, code: "invalid_parameters", message: error.description,
                               details: ["parameters": .array(parameters)])
            case .modelFailed: throw APIError(status: .badGateway, code: "model_failed", message: error.description)
            case .failed: throw APIError(status: .internalServerError, code: "write_failed", message: error.description)
            }
        }
    }

    static func written(_ id: String, _ result: WorkflowWriter.WriteResult, status: HTTPResponse.Status) -> Response {
        written(id, commit: result.commit, entry: result.entry, status: status)
    }

    /// The answer to a write: the workflow as it runs now and the commit, which is the branch
    /// tip (`branch_commit`, `ETag`): the base of the next write.
    static func written(_ id: String, commit: String, entry: WorkflowEntry?, status: HTTPResponse.Status) -> Response {
        var body = entry.map { summary($0, latest: nil).objectValue ?? [:] } ?? ["id": .string(id)]
        body["commit"] = .string(commit)
        body["branch_commit"] = .string(commit)
        var response = JSONResponse.make(.object(body), status: status)
        response.headers[.eTag] = WriteBase.etag(commit)
        return response
    }

    /// The definition as YAML text: a string as given, an object written as YAML.
    static func definitionText(_ body: [String: JSONValue]) throws -> String {
        switch body["definition"] {
        case .string(let text)?: return text
        case .object(let object)?: return JSONValue.object(object).workflowYAML()
        default: throw APIError.badRequest("'definition' is required: the workflow as YAML text or as a JSON object")
        }
    }

    static func message(_ body: [String: JSONValue], _ fallback: String) -> String {
        guard let summary = body["change_summary"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !summary.isEmpty else {
            return fallback
        }
        return summary
    }

    /// Who writes: the API key's name (set by the auth middleware), `api` without auth.
    /// The API key's name, when the request was authenticated (nil with `--no-auth`).
    static func authenticatedPrincipal(_ request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == AuthMiddleware<BasicRequestContext>.principalHeader }?.value
    }

    static func principal(_ request: Request) -> String {
        request.headers.first { $0.name.canonicalName == AuthMiddleware<BasicRequestContext>.principalHeader }?.value ?? "api"
    }

    static func id(fromPath path: String) -> String {
        var id = path
        if id.hasPrefix("workflows/") { id.removeFirst("workflows/".count) }
        for ext in [".yaml", ".yml"] where id.hasSuffix(ext) { id.removeLast(ext.count) }
        return id
    }
}
