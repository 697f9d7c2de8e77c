import Hummingbird
import NIOCore
import RunnelCore

extension APIRoutes {
    /// `GET /schema/{name}.json`: the editor schemas (`workflow`, `template`, `settings`), no
    /// key needed, so an editor can point at `http://127.0.0.1:8080/schema/workflow.json`.
    func addSchemaRoutes(to router: Router<BasicRequestContext>) {
        router.get("/schema/{name}.json") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let schema = EditorSchema(rawValue: name) else {
                let known = EditorSchema.allCases.map { "/schema/\($0.rawValue).json" }.joined(separator: ", ")
                throw APIError.notFound("no schema '\(name)'; the schemas are \(known)")
            }
            return Response(status: .ok, headers: [.contentType: EditorSchema.contentType],
                            body: .init(byteBuffer: ByteBuffer(string: schema.json)))
        }
    }
}
