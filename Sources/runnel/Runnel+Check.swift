import ArgumentParser
import Foundation
import RunnelCore
import RunnelDaemon
import RunnelGit

extension Runnel {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The pull-request check: validate every workflow changed between two revisions and summarise each change.",
            discussion: """
                Compares HEAD with its merge base with BASE (what a pull request changes), validates each added, \
                modified or renamed workflow as it is at HEAD, and reports deleted and renamed ones. \
                Exit status: 0 when every changed workflow is valid, 1 when any has an error, 2 for usage errors.
                """)

        @Option(help: "The base revision (the pull request's target, e.g. origin/main).")
        var base: String

        @Option(help: "The head revision (the pull request's commit, e.g. HEAD).")
        var head: String

        @Option(help: "Also write a Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY); appended to when it exists.")
        var summaryFile: String?

        @Option(help: "Output format: text, or github (workflow command annotations).")
        var format: CheckFormat = .text

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            let report = try reportingGitErrors { () throws -> CheckReport in
                let context = try GitContext(options)
                let repository = context.repository
                var check = try WorkflowCheck.run(repository, base: repository.resolve(base), head: repository.resolve(head))
                // runnel.yaml, when the change touches it, is checked as the repository's settings.
                for change in try repository.changes(from: check.base, to: check.head)
                where change.newPath == RepositorySettings.path {
                    let text = try repository.file(at: RepositorySettings.path, in: check.head).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    let diagnostics = RepositorySettings.diagnostics(text)
                    check.entries.append(WorkflowCheck.Entry(change: change, summary: diagnostics.isEmpty ? "Repository settings" : "Repository settings, not applied while invalid",
                                                             diagnostics: diagnostics))
                }
                return CheckReport(check: check)
            }
            print(report.render(format), terminator: "")
            if let summaryFile {
                do {
                    try report.markdown().appendOrWrite(to: summaryFile)
                } catch {
                    throw CLIError(description: "cannot write the summary file \(summaryFile): \(error.localizedDescription)", exitStatus: 1)
                }
            }
            if report.check.failing { throw ExitCode(1) }
        }
    }
}

/// How `check` prints its report.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}

extension String {
    func appendOrWrite(to path: String) throws {
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(utf8))
        } else {
            try write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
