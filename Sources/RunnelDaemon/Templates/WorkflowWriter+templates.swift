public import RunnelCore
import RunnelGit

extension WorkflowWriter {
    /// The templates: the watched repository's `templates/` at the active commit over the
    /// built-in gallery (a repository template with a built-in's id wins), sorted by id.
    public func templates() -> [WorkflowTemplate] {
        var repositoryTemplates: [WorkflowTemplate] = []
        if let commit = snapshots.current.activeCommit.flatMap(ObjectID.init(hex:)), let files = try? repository.files(in: commit, under: "templates") {
            for file in files where WorkflowFile.isWorkflow(file.path, in: WorkflowFile.templatesFolder) {
                guard let bytes = try? repository.blob(file.blob, path: file.path) else { continue }
                repositoryTemplates.append(WorkflowTemplate(path: file.path, text: String(decoding: bytes, as: UTF8.self), origin: .repository))
            }
        }
        return WorkflowTemplate.merged(repository: repositoryTemplates)
    }

    /// Template `id`, or `nil`.
    public func template(_ id: String) -> WorkflowTemplate? {
        templates().first { $0.id == id }
    }

    /// Installs template `templateID` as workflow `id` (`workflows/<id>.yaml`) filled with
    /// `parameters`, as a commit on the watched branch by `author`, checked against `base`.
    /// - Throws: ``WriteError``: `notFound` for an unknown template, `exists` when workflow
    ///   `id` exists, `invalidParameters` naming each parameter that doesn't fit, `invalid`
    ///   when the template has errors or the result doesn't validate, `stale` for a base
    ///   that is not the tip.
    public func installTemplate(_ templateID: String, as id: String, parameters: [String: JSONValue], message: String,
                                author: String, base: String?) async throws(WriteError) -> WriteResult {
        guard let template = template(templateID) else { throw WriteError(kind: .notFound, description: "template '\(templateID)' not found") }
        if let problem = WorkflowID.problem(with: id) { throw WriteError(kind: .invalid, description: "invalid workflow id '\(id)': \(problem)") }
        if snapshots.current.workflows[id] != nil { throw WriteError(kind: .exists, description: "workflow '\(id)' exists already") }
        let yaml: String
        do {
            yaml = try TemplateInstantiator.instantiate(template, parameters: parameters)
        } catch {
            switch error.kind {
            case .parameters:
                throw WriteError(kind: .invalidParameters, description: error.description,
                                 parameters: error.problems.map { ($0.parameter, $0.message) })
            case .template:
                // The template itself is broken: 422 with its problems (nothing to retry as is).
                let diagnostics = template.errors.map(\.description)
                throw WriteError(kind: .invalid, description: error.description, diagnostics: diagnostics.isEmpty ? [error.description] : diagnostics)
            }
        }
        return try await writeWorkflow(id: id, yaml: yaml, create: true, message: message, author: author, base: base)
    }
}
