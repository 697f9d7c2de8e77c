/// The JSON Schemas (draft-07) of Runnel's files, for editors: `runnel schema NAME` prints
/// one, `GET /schema/NAME.json` serves it. They are compiled into the binary from the
/// project's `schemas/` folder (`scripts/generate-schemas.py`).
public enum EditorSchema: String, Sendable, CaseIterable {
    /// Workflow files, `workflows/**/*.yaml`.
    case workflow
    /// Template files, `templates/*.yaml`: a workflow with `parameters:`.
    case template
    /// The repository settings, `runnel.yaml`.
    case settings

    /// The schema's file in the project, `schemas/<name>.schema.json`.
    public var path: String { "schemas/\(rawValue).schema.json" }

    /// The schema, as JSON text.
    public var json: String {
        // Every case has a file: `EditorSchemaTests` checks the generated list against `allCases`.
        BuiltinSchemas.files.first { $0.path == path }?.text ?? "{}\n"
    }

    /// The files an editor should check with this schema (globs, relative to the repository root).
    public var fileGlobs: [String] {
        switch self {
        case .workflow: ["workflows/**/*.yaml", "workflows/**/*.yml"]
        case .template: ["templates/**/*.yaml", "templates/**/*.yml"]
        case .settings: ["runnel.yaml"]
        }
    }

    /// The content type the schemas are served with.
    public static let contentType = "application/schema+json"
}
