import ArgumentParser
import Foundation
import RunnelCore
import RunnelGit

extension Runnel {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a template as workflows/<name>.yaml, in a new commit on the branch (or print it with --dry-run).")

        @Option(help: "The template's id (see runnel templates).")
        var template: String

        @Option(name: .customLong("set"), help: "A parameter, key=value (repeatable; JSON values like 3, true, [\"a\"] keep their type).")
        var assignments: [String] = []

        @Option(help: "The new workflow's id (default: the template's id).")
        var name: String?

        @Option(help: "The commit message (default: \"Install template <template> as <name>\").")
        var message: String?

        @Flag(help: "Print the workflow's YAML instead of committing it.")
        var dryRun = false

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            try reportingGitErrors {
                var context: GitContext?
                do {
                    context = try GitContext(options)
                } catch {
                    // A dry run needs no repository: the built-in templates are enough.
                    if !dryRun { throw error }
                }
                let templates = TemplateCatalog.templates(in: context)
                guard let chosen = templates.first(where: { $0.id == template }) else {
                    throw CLIError.usage("no template '\(template)' (known: \(templates.map(\.id).joined(separator: ", ")))")
                }
                let id = name ?? chosen.id
                if let problem = WorkflowID.problem(with: id) { throw CLIError.usage("--name: \(problem)") }
                let yaml = try instantiate(chosen)
                let path = "workflows/\(id).yaml"
                let result = WorkflowLoader.load(path: path, text: yaml)
                let others = TemplateCatalog.workflows(in: context).filter { WorkflowID.from(path: $0.path) != id }
                let diagnostics = Validator.validate([result], knownWorkflows: WorkflowCatalog(others + [result]))
                if diagnostics.contains(where: { $0.severity == .error }) {
                    print(DiagnosticPrinter(format: .text).render(diagnostics, fileCount: 1, texts: [path: yaml]), terminator: "")
                    throw CLIError(description: "the workflow made from template '\(chosen.id)' is not valid; nothing was written", exitStatus: 1)
                }
                if dryRun {
                    print(yaml, terminator: "")
                    return
                }
                guard let context else { throw CLIError(description: "no repository", exitStatus: 1) }
                let (branch, tip) = try context.writableBranch()
                for existing in ["workflows/\(id).yaml", "workflows/\(id).yml"] {
                    if try context.repository.file(at: existing, in: tip) != nil {
                        throw CLIError(description: "workflow '\(id)' exists already (\(existing)); pick another --name", exitStatus: 1)
                    }
                }
                let text = message ?? "Install template \(chosen.id) as \(id)\n"
                let commit = try context.repository.commit([.write(path: path, contents: Array(yaml.utf8))], on: branch, expectedTip: tip, message: text)
                print("Installed template \(chosen.id) as \(path): commit \(commit.short) on \(branch)")
            }
        }

        private func instantiate(_ chosen: WorkflowTemplate) throws -> String {
            do {
                var given: [String: JSONValue] = [:]
                for assignment in assignments {
                    let (key, value) = try TemplateParameters.parseAssignment(assignment, specs: chosen.parameters)
                    given[key] = value
                }
                return try TemplateInstantiator.instantiate(chosen, parameters: given)
            } catch {
                throw CLIError(description: error.description, exitStatus: error.kind == .parameters ? 2 : 1)
            }
        }
    }
}
