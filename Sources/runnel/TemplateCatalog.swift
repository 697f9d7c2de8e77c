import Foundation
import RunnelCore
import RunnelGit

/// The templates a CLI command sees: the repository's `templates/` at the branch tip over
/// the built-in gallery.
enum TemplateCatalog {
    /// The templates, sorted by id; only the built-in ones without a repository commit.
    static func templates(in context: GitContext?) -> [WorkflowTemplate] {
        var found: [WorkflowTemplate] = []
        if let context, let tip = context.tip, let files = try? context.repository.files(in: tip, under: "templates") {
            for file in files where file.path.hasSuffix(".yaml") || file.path.hasSuffix(".yml") {
                guard let bytes = try? context.repository.blob(file.blob, path: file.path) else { continue }
                found.append(WorkflowTemplate(path: file.path, text: String(decoding: bytes, as: UTF8.self), origin: .repository))
            }
        }
        return WorkflowTemplate.merged(repository: found)
    }

    /// The workflows at the tip, loaded, for the cross-file checks.
    static func workflows(in context: GitContext?) -> [LoadResult] {
        guard let context, let tip = context.tip, let files = try? context.repository.files(in: tip, under: "workflows") else { return [] }
        return files.filter { $0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml") }.compactMap { file in
            (try? context.repository.blob(file.blob, path: file.path)).map { WorkflowLoader.load(path: file.path, bytes: $0) }
        }
    }
}
