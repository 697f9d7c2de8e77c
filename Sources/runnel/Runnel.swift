import ArgumentParser
import Foundation

/// The `runnel` command: validate workflow files, compute schedules, and (later) run them.
struct Runnel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runnel",
        abstract: "A GitOps runner for automation workflows that live as YAML files in git.",
        version: "0.1.0",
        subcommands: [Validate.self, Cron.self, Schedules.self, Log.self, Show.self, Diff.self, Check.self, Rollback.self, Revert.self]
    )
}

@main
enum Main {
    /// Runs the command; usage errors exit with status 2, as the docs promise.
    static func main() {
        do {
            var command = try Runnel.parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            printError("runnel: \(error.description)")
            exit(error.exitStatus)
        } catch {
            let code = Runnel.exitCode(for: error)
            let message = Runnel.fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            if code == .validationFailure {
                exit(2)
            }
            exit(code.rawValue)
        }
    }
}
