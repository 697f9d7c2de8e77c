import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension APIRoutes {
    func addHistoryRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/workflows/{id}/versions") { _, context in
            let id = try context.parameters.workflowID("id")
            let versions = try await Self.mappingWriteErrors { () async throws(WriteError) in try await daemon.history.versions(of: id) }
            return JSONResponse.make(["versions": .array(versions.reversed().map(Self.version))])
        }
        router.get("/api/workflows/{id}/versions/{n}") { _, context in
            let id = try context.parameters.workflowID("id")
            let number = try RequestNumber.integer(context.parameters.get("n"), "n", in: .positive) ?? 0
            let (version, text, definition) = try await Self.mappingWriteErrors { () async throws(WriteError) in try await daemon.history.definition(of: id, version: number) }
            var body = Self.version(version).objectValue ?? [:]
            body["definition"] = definition ?? .null
            body["yaml"] = .string(text)
            return JSONResponse.make(.object(body))
        }
        router.get("/api/workflows/{id}/diff") { request, context in
            let id = try context.parameters.workflowID("id")
            let query = request.uri.queryParameters
            guard let v1 = try RequestNumber.integer(query.get("v1"), "v1", in: .positive),
                  let v2 = try RequestNumber.integer(query.get("v2"), "v2", in: .positive) else {
                throw APIError.badRequest("v1 and v2 (version numbers) are required")
            }
            let old = try await Self.mappingWriteErrors { () async throws(WriteError) in try await daemon.history.definition(of: id, version: v1) }
            let new = try await Self.mappingWriteErrors { () async throws(WriteError) in try await daemon.history.definition(of: id, version: v2) }
            let patch = JSONPatch.diff(from: old.definition ?? .null, to: new.definition ?? .null)
            return JSONResponse.make([
                "v1": .number(Double(v1)), "v2": .number(Double(v2)),
                "summary": .string(ChangeSummary.describe(from: old.definition, to: new.definition)),
                "patch": patch.json,
                "text": .string(TextDiff.unified(old.text, new.text, oldName: "a/\(old.version.path) (v\(v1))", newName: "b/\(new.version.path) (v\(v2))")),
            ])
        }
        router.post("/api/workflows/{id}/rollback") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let number = try RequestNumber.required(body, "version", in: .positive)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.history.rollback(id: id, to: number, message: body["change_summary"]?.stringValue,
                                          author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .ok)
        }
    }

    static func version(_ version: HistoryService.Version) -> JSONValue {
        ["number": .number(Double(version.number)), "commit": .string(version.commit), "path": .string(version.path),
         "author": .string(version.author), "date": .string(version.date.formatted(.iso8601)),
         "subject": .string(version.subject), "deleted": .bool(!version.exists)]
    }
}
