import ArgumentParser
import Foundation
import RunnelCore
import RunnelDaemon

extension Runnel {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check workflow and template files and report every problem with its position.",
            discussion: "Exit status: 0 when no file has an error, 1 when any does, 2 for usage errors."
        )

        @Argument(help: "Files or folders to check (default: workflows/ and templates/ of the enclosing repository).")
        var paths: [String] = []

        @Option(help: "Output format: text, json or github (workflow command annotations).")
        var format: DiagnosticFormat = .text

        @Flag(help: "Treat warnings as errors for the exit status.")
        var strict = false

        func run() throws {
            let root = WorkflowFiles.repositoryRoot()
            let targets = paths.isEmpty ? WorkflowFiles.defaultPaths(root: root) : paths
            guard !targets.isEmpty else {
                throw CLIError.usage("no workflows/ or templates/ folder in \(root); name the files to check")
            }
            let files = try WorkflowFiles.collect(targets)
            if !paths.isEmpty, files.isEmpty {
                throw CLIError.usage("no .yaml or .yml file in \(paths.joined(separator: ", "))")
            }
            // runnel.yaml is checked as the repository's settings (by default, the root's).
            var settingsFiles = files.filter { ($0 as NSString).lastPathComponent == RepositorySettings.path }
            let workflowFiles = files.filter { ($0 as NSString).lastPathComponent != RepositorySettings.path }
            let rootSettings = (root as NSString).appendingPathComponent(RepositorySettings.path)
            if paths.isEmpty, FileManager.default.fileExists(atPath: rootSettings) { settingsFiles.append(rootSettings) }
            let results = WorkflowFiles.loadAll(workflowFiles, root: root)
            // The repository's one validation path, with every workflow file of the repository.
            let folder = (root as NSString).appendingPathComponent("workflows")
            let repositoryPaths = FileManager.default.fileExists(atPath: folder) ? try WorkflowFiles.collect([folder]).map(WorkflowFiles.displayPath) : []
            let validation = RepositoryValidation(catalog: WorkflowFiles.catalog(root: root, loaded: results),
                                                  paths: Array(Set(repositoryPaths + results.map(\.path))))
            var diagnostics = validation.problems(of: results)
            var texts = Dictionary(results.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
            for file in settingsFiles {
                let display = WorkflowFiles.displayPath(file)
                let text = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
                diagnostics += RepositorySettings.diagnostics(text, path: display)
                texts[display] = text
            }
            print(DiagnosticPrinter(format: format).render(diagnostics, fileCount: workflowFiles.count + settingsFiles.count, texts: texts),
                  terminator: "")
            let failing = diagnostics.contains { $0.severity == .error || strict }
            if failing { throw ExitCode(1) }
        }
    }
}

/// How `validate` and `check` print diagnostics.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
}
