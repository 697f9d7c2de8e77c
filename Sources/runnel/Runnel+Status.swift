import ArgumentParser
import Foundation
import RunnelDaemon

extension Runnel {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what `runnel serve` runs: the active commit, each workflow's state and errors."
        )

        @Option(help: "The state folder of the daemon (default: $RUNNEL_STATE, else <repo>/.runnel).")
        var state: String?

        @Option(help: "The repository the daemon watches (default: the enclosing one).")
        var repo: String?

        func run() throws {
            let repository = URL(fileURLWithPath: repo ?? WorkflowFiles.repositoryRoot()).standardizedFileURL.path
            let folder = StateFolder.resolve(state) { repository }
            let status: DaemonStatus
            do {
                status = try DaemonStatus.read(state: folder)
            } catch {
                throw CLIError(description: "no daemon state in \(folder) (has `runnel serve` run there?)", exitStatus: 1)
            }
            print("active commit: \(status.activeCommit ?? "none")")
            let width = max(8, status.workflows.map(\.id.count).max() ?? 0)
            print("WORKFLOW".padding(toLength: width, withPad: " ", startingAt: 0) + "  STATE     RUNS AT  ERRORS")
            for workflow in status.workflows {
                let commit = workflow.validCommit.map { String($0.prefix(7)) } ?? "-"
                print(workflow.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                      + workflow.state.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + commit.padding(toLength: 7, withPad: " ", startingAt: 0)
                      + "  " + String(workflow.errors.count))
            }
            for workflow in status.workflows where !workflow.errors.isEmpty {
                print("")
                for error in workflow.errors { print(error) }
            }
            if !status.settingsProblems.isEmpty {
                print("\nrunnel.yaml has problems and is not applied (the last valid settings stay in force):")
                for problem in status.settingsProblems { print(problem) }
            }
            if let invalid = status.invalidCommit { print("\ncommit \(invalid)") }
            if !status.runtimeProblems.isEmpty {
                print("")
                for problem in status.runtimeProblems { print(problem) }
            }
            if status.workflows.contains(where: { !$0.errors.isEmpty }) || !status.settingsProblems.isEmpty
                || status.invalidCommit != nil || !status.runtimeProblems.isEmpty { throw ExitCode(1) }
        }
    }
}
