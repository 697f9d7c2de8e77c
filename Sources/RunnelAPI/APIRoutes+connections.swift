import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

extension APIRoutes {
    /// The connections of `runnel.yaml` (names, never secret values) and the bindings of
    /// workflows' toolkits to them.
    func addConnectionRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/connections") { _, _ in
            let list = daemon.connectionList().map { item -> JSONValue in
                var object = Self.connectionSummary(item.connection)
                object["secrets_defined"] = .bool(item.secretsDefined)
                object["workflows"] = .array(item.workflows.map(JSONValue.string))
                return .object(object)
            }
            return JSONResponse.make(["connections": .array(list), "total": .number(Double(list.count))])
        }
        router.post("/api/connections/{name}/test") { _, context in
            let name = context.parameters.get("name")?.removingPercentEncoding ?? ""
            guard let connection = daemon.snapshot.settings.connections.connection(name) else {
                throw APIError.notFound("connection '\(name)' is not declared in runnel.yaml's 'connections'")
            }
            guard let result = await connection.runProbe(secrets: daemon.secrets) else {
                throw APIError(status: .unprocessableContent, code: "unprocessable",
                               message: "connection '\(name)' declares no 'probe' request to test it with")
            }
            return JSONResponse.make(["name": .string(name), "ok": .bool(result.ok), "status": result.status.map { .number(Double($0)) } ?? .null,
                                      "url": .string(result.url), "error": result.error.map(JSONValue.string) ?? .null,
                                      "duration_ms": .number(Double(result.milliseconds))])
        }
        router.get("/api/workflows/{id}/connections") { _, context in
            let id = try context.parameters.workflowID("id")
            guard let toolkits = daemon.toolkits(of: id) else { throw APIError.notFound("workflow '\(id)' not found or never valid") }
            let items: [JSONValue] = toolkits.map { item in
                ["toolkit": .string(item.toolkit), "required": .bool(item.required), "connection": item.connection.map(JSONValue.string) ?? .null,
                 "bound": .bool(item.connection != nil), "declared": .bool(item.declared), "secrets_defined": .bool(item.secretsDefined)]
            }
            return JSONResponse.make(["workflow_id": .string(id), "toolkits": .array(items)])
        }
        router.patch("/api/workflows/{id}/change-connection") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            guard let toolkit = body["toolkitSlug"]?.stringValue, !toolkit.isEmpty else {
                throw APIError.badRequest("'toolkitSlug' is required: the toolkit to rebind")
            }
            guard let connection = body["connectionId"]?.stringValue, !connection.isEmpty else {
                throw APIError.badRequest("'connectionId' is required: the name of a connection of runnel.yaml")
            }
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.changeConnection(id: id, toolkit: toolkit, connection: connection,
                                                  message: Self.message(body, "Bind \(toolkit) of \(id) to \(connection)"),
                                                  author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .ok)
        }
    }

    /// A connection as the API shows it: what it is and where it goes, never a secret value.
    static func connectionSummary(_ connection: Connection) -> [String: JSONValue] {
        ["name": .string(connection.name), "type": connection.type.map(JSONValue.string) ?? .null,
         "base_url": connection.baseURL.map(JSONValue.string) ?? .null, "auth": connection.auth.map { .string($0.kind) } ?? .null,
         "allowed_hosts": .array(connection.reachableHosts.map(JSONValue.string)), "probe": .bool(connection.probe != nil)]
    }
}
