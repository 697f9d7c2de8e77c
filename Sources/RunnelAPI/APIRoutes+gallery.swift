import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension APIRoutes {
    /// The community gallery: publishing as commits, and the published workflows of the active
    /// commit answered without a key through ``Workflow/publicView`` (the allow-list).
    func addGalleryRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/workflows/explore") { request, _ in
            let page = try ListQuery(request, defaultLimit: Self.exploreLimit)
            let (commit, workflows) = daemon.publishedWorkflows()
            // Featured first; each group by id.
            let ordered = workflows.filter(Self.isFeatured) + workflows.filter { !Self.isFeatured($0) }
            return Self.gallery(ordered, page: page, commit: commit)
        }
        router.get("/api/workflows/community") { request, _ in
            let page = try ListQuery(request, defaultLimit: Self.exploreLimit)
            let query = request.uri.queryParameters
            let category = query.get("category")
            let text = query.get("q")?.lowercased()
            let (commit, workflows) = daemon.publishedWorkflows()
            let found = workflows.filter { workflow in
                let block = workflow.publish ?? PublishBlock()
                if let category, !block.categories.contains(category) { return false }
                guard let text, !text.isEmpty else { return true }
                return [workflow.name, workflow.description ?? "", block.title ?? "", block.description ?? ""]
                    .contains { $0.lowercased().contains(text) }
            }
            return Self.gallery(found, page: page, commit: commit)
        }
        router.get("/api/workflows/public/{id}") { _, context in
            let id = try context.parameters.workflowID("id")
            let (commit, workflows) = daemon.publishedWorkflows()
            guard let workflow = workflows.first(where: { $0.id == id }) else { throw APIError.notFound("no public workflow '\(id)'") }
            var response = JSONResponse.make(workflow.publicView)
            if let commit { response.headers[.eTag] = WriteBase.etag(commit) }
            return response
        }
        router.post("/api/workflows/public/{id}/install") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            guard let name = body["name"]?.stringValue, !name.isEmpty else {
                throw APIError.badRequest("'name' is required: the id of the new workflow")
            }
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.installPublic(id: id, as: name, message: Self.message(body, "Install public workflow \(id) as \(name)"),
                                               author: Self.principal(request), base: base)
            }
            return Self.written(name, result, status: .created)
        }
        router.post("/api/workflows/{id}/publish") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let block = try Self.publishBlock(body)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.publish(id: id, block: block, message: Self.message(body, "Publish \(id)"), author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .ok)
        }
        router.post("/api/workflows/{id}/unpublish") { request, context in
            let id = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.unpublish(id: id, message: Self.message(body, "Unpublish \(id)"), author: Self.principal(request), base: base)
            }
            return Self.written(id, result, status: .ok)
        }
    }

    /// The page size of `explore` and `community` when none is given.
    static let exploreLimit = 25

    static func isFeatured(_ workflow: Workflow) -> Bool { workflow.publish?.categories.contains("featured") == true }

    /// A page of public views, with the ETag of the commit they were read at.
    static func gallery(_ workflows: [Workflow], page: ListQuery, commit: String?) -> Response {
        let slice = workflows.dropFirst(page.offset).prefix(page.limit)
        var response = JSONResponse.make(["workflows": .array(slice.map(\.publicView)), "total": .number(Double(workflows.count)),
                                          "limit": .number(Double(page.limit)), "offset": .number(Double(page.offset))])
        if let commit { response.headers[.eTag] = WriteBase.etag(commit) }
        return response
    }

    /// The `publish:` block a publish body asks for: `title`, `description`, `icon` strings and
    /// `categories` a list of strings; each optional.
    static func publishBlock(_ body: [String: JSONValue]) throws -> PublishBlock {
        var block = PublishBlock()
        block.title = try optionalString(body, "title")
        block.description = try optionalString(body, "description")
        block.icon = try optionalString(body, "icon")
        if let categories = body["categories"], categories != .null {
            let names = categories.arrayValue?.compactMap(\.stringValue) ?? []
            guard names.count == categories.arrayValue?.count, !names.contains(where: \.isEmpty) else {
                throw APIError.badRequest("'categories' must be a list of non-empty strings")
            }
            block.categories = names
        }
        return block
    }
}
