import Foundation
import Testing
@testable import RunnelCore

/// The schemas in `schemas/` are what the binary serves: the compiled copy
/// (`BuiltinSchemas.swift`, written by `scripts/generate-schemas.py`) must equal the files,
/// and the template schema must be the workflow schema plus `parameters`.
@Suite struct EditorSchemaTests {
    static func fileText(_ path: String) throws -> String {
        try String(contentsOf: ExampleTests.root.appendingPathComponent(path), encoding: .utf8)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theCompiledSchemasAreTheFilesInSchemas() throws {
        let folder = ExampleTests.root.appendingPathComponent("schemas")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(onDisk.map { "schemas/\($0)" }) == Set(EditorSchema.allCases.map(\.path)),
                "schemas/ and EditorSchema differ: run scripts/generate-schemas.py (make schemas)")
        #expect(BuiltinSchemas.files.map(\.path) == EditorSchema.allCases.map(\.path).sorted())
        for schema in EditorSchema.allCases {
            #expect(schema.json == (try Self.fileText(schema.path)),
                    "\(schema.path) differs from its copy in BuiltinSchemas.swift: run scripts/generate-schemas.py (make schemas)")
        }
    }

    @Test func everySchemaIsDraft07() throws {
        for schema in EditorSchema.allCases {
            let root = try Self.object(schema.json)
            #expect(root["$schema"] as? String == "http://json-schema.org/draft-07/schema#", "\(schema.path)")
            #expect(root["title"] is String && root["description"] is String, "\(schema.path) needs a title and a description")
        }
    }

    @Test func theTemplateSchemaIsTheWorkflowSchemaWithParameters() throws {
        var template = try Self.object(EditorSchema.template.json)
        let workflow = try Self.object(EditorSchema.workflow.json)
        var properties = try #require(template["properties"] as? [String: Any])
        let parameters = try #require(properties.removeValue(forKey: "parameters") as? [String: Any])
        #expect(parameters["$ref"] as? String == "#/definitions/inputs")
        template["properties"] = properties
        for key in ["$comment", "title", "description"] {
            template.removeValue(forKey: key)
        }
        var expected = workflow
        for key in ["title", "description"] {
            expected.removeValue(forKey: key)
        }
        let canonical = { (object: [String: Any]) in try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        #expect(try canonical(template) == canonical(expected),
                "template.schema.json is not workflow.schema.json plus parameters: run scripts/generate-schemas.py")
    }

    @Test func theEditorSettingsMapEachSchemaToItsFiles() throws {
        let settings = try Self.object(try Self.fileText(".vscode/settings.json"))
        let mapping = try #require(settings["yaml.schemas"] as? [String: [String]], ".vscode/settings.json needs yaml.schemas")
        let expected = Dictionary(uniqueKeysWithValues: EditorSchema.allCases.map { ("./" + $0.path, $0.fileGlobs) })
        #expect(mapping == expected)
    }
}
