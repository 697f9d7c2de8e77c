import ArgumentParser
import Foundation
import RunnelCore
import RunnelGit

extension Runnel {
    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a workflow as it was at version N, in a new commit on the branch (history is never rewritten).")

        @Argument(help: "The workflow: its id (data/etl) or its file (workflows/data/etl.yaml).")
        var workflow: String

        @Option(help: "The version to restore (see runnel log).")
        var to: Int

        @Option(help: "The commit message (default: \"Roll back <workflow> to version N\").")
        var message: String?

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            try reportingGitErrors {
                let context = try GitContext(options)
                let (branch, tip) = try context.writableBranch()
                let (currentPath, versions) = try context.versions(of: workflow)
                let target = try context.version(to, of: workflow)
                guard target.exists, let bytes = try context.repository.file(at: target.path, in: target.commit) else {
                    throw CLIError(description: "workflow '\(workflow)' does not exist at version \(to) (deleted in \(target.commit.short)); pick another version",
                                   exitStatus: 1)
                }
                let path = versions.last?.exists == true ? currentPath : target.path
                let id = WorkflowID.from(path: path)
                let text = message ?? "Roll back \(id) to version \(to)\n\nRestores \(path) as it was at \(target.commit.short) (\"\(target.subject)\").\n"
                let commit = try context.repository.commit([.write(path: path, contents: bytes)], on: branch, expectedTip: tip, message: text)
                print("Rolled back \(path) to version \(to): commit \(commit.short) on \(branch)")
            }
        }
    }
}
