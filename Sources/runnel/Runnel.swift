import ArgumentParser
import Foundation
import RunnelCore

/// The `runnel` command: validate workflow files, compute schedules, run workflows.
struct Runnel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runnel",
        abstract: "A GitOps runner for automation workflows that live as YAML files in git.",
        subcommands: [Validate.self, Run.self, Runs.self, Resume.self, Serve.self, Status.self, Keys.self, Log.self, Show.self, Diff.self, Check.self,
                      Rollback.self, Revert.self, New.self, Templates.self, Generate.self, Approve.self, Cron.self, Schedules.self,
                      Approvals.self, Decide.self, Pause.self, Connections.self, Schema.self, MCPServe.self, Migrate.self, Import.self, Export.self, Version.self]
    )
}

extension Runnel {
    /// The root's version is a subcommand: `show --version N` keeps its flag to itself.
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print Runnel's version.")
        static let number = RunnelVersion.number

        func run() { print("runnel \(Self.number)") }
    }
}

@main
enum Main {
    /// Runs the command; usage errors exit with status 2, as the docs promise.
    static func main() async {
        do {
            var command = try Runnel.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            printError("runnel: \(error.description)")
            exit(error.exitStatus)
        } catch {
            let code = Runnel.exitCode(for: error)
            let message = Runnel.fullMessage(for: error)
            // Help and --version are answers, not errors: they go to stdout.
            if !message.isEmpty {
                if code == .success { print(message) } else { printError(message) }
            }
            if code == .validationFailure {
                exit(2)
            }
            exit(code.rawValue)
        }
    }
}
