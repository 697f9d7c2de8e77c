import ArgumentParser
import Foundation
import RunnelCore

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
            let results = WorkflowFiles.loadAll(files, root: root)
            let diagnostics = Validator.validate(results, knownWorkflows: WorkflowFiles.catalog(root: root, loaded: results))
            let texts = Dictionary(results.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
            print(DiagnosticPrinter(format: format).render(diagnostics, fileCount: files.count, texts: texts), terminator: "")
            let failing = diagnostics.contains { $0.severity == .error || strict }
            if failing { throw ExitCode(1) }
        }
    }
}

/// How `validate` and `check` print diagnostics.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
}
