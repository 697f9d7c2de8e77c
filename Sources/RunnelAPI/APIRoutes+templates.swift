import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension APIRoutes {
    /// The template gallery: the repository's `templates/` over the built-in ones; installing
    /// one is a commit adding `workflows/<name>.yaml`.
    func addTemplateRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/templates") { _, _ in
            let templates = await daemon.writer.templates()
            return JSONResponse.make(["templates": .array(templates.map { Self.templateSummary($0) })])
        }
        router.get("/api/templates/{id}") { _, context in
            let id = try context.parameters.workflowID("id")
            guard let template = await daemon.writer.template(id) else { throw APIError.notFound("template '\(id)' not found") }
            var body = Self.templateSummary(template).objectValue ?? [:]
            body["yaml"] = .string(template.text)
            body["errors"] = .array(template.errors.map(Self.diagnostic))
            return JSONResponse.make(.object(body))
        }
        router.post("/api/templates/{id}/install") { request, context in
            let templateID = try context.parameters.workflowID("id")
            let body = try await RequestBody.object(request)
            let name = try Self.optionalString(body, "name") ?? templateID
            guard case .object(let params) = body["params"] ?? .object([:]) else { throw APIError.badRequest("'params' must be an object") }
            let base = try await WriteBase.resolve(request, body, daemon: daemon)
            let result = try await Self.mappingWriteErrors { () async throws(WriteError) in
                try await daemon.writer.installTemplate(templateID, as: name, parameters: params,
                                                 message: Self.message(body, "Install template \(templateID) as \(name)"),
                                                 author: Self.principal(request), base: base)
            }
            var answer = Self.written(name, result, status: .created)
            answer.headers[.location] = "/api/workflows/" + name.replacingOccurrences(of: "/", with: "%2F")
            return answer
        }
    }

    static func templateSummary(_ template: WorkflowTemplate) -> JSONValue {
        let workflow = template.workflow
        return [
            "id": .string(template.id), "origin": .string(template.origin.rawValue),
            "name": workflow.map { .string($0.name) } ?? .null,
            "description": workflow?.description.map(JSONValue.string) ?? .null,
            "tags": .array((workflow?.tags ?? []).map(JSONValue.string)),
            "parameters": .array(template.parameters.map(parameter)),
            "valid": .bool(template.errors.isEmpty),
        ]
    }

    static func parameter(_ spec: InputSpec) -> JSONValue {
        ["name": .string(spec.name.value), "type": .string(spec.type.rawValue), "required": .bool(spec.required && spec.defaultValue == nil),
         "default": spec.defaultValue?.value ?? .null, "enum": spec.allowedValues.map(JSONValue.array) ?? .null,
         "description": spec.description.map(JSONValue.string) ?? .null]
    }

    static func optionalString(_ body: [String: JSONValue], _ key: String) throws -> String? {
        switch body[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw APIError.badRequest("'\(key)' must be a string")
        }
    }
}
