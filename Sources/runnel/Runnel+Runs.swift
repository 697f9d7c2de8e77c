import ArgumentParser
import Foundation
import RunnelEngine

extension Runnel {
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recorded runs, show one in detail, or prune old ones.",
            subcommands: [List.self, Show.self, Prune.self],
            defaultSubcommand: List.self
        )

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List recorded runs, newest first.")

            @Option(help: "Only runs of this workflow.")
            var workflow: String?

            @Option(help: "Only runs in this status (queued, running, awaiting_approval, paused, completed, failed, cancelled).")
            var status: RunStatus?

            @Option(help: "Only runs started by this trigger (manual, schedule, event, webhook, workflow).")
            var trigger: String?

            @Option(help: "At most this many runs (1-1000).")
            var limit = 20

            @Option(help: "Skip this many runs first.")
            var offset = 0

            @OptionGroup var options: EngineOptions

            func validate() throws {
                guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000, not \(limit)") }
                guard offset >= 0 else { throw ValidationError("--offset must be 0 or more, not \(offset)") }
            }

            func run() async throws {
                let store = try options.store()
                let page = await store.list(RunQuery(workflowID: workflow, status: status, trigger: trigger,
                                                     limit: limit, offset: offset))
                print(RunReport.table(page.runs, total: page.total), terminator: "")
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show one run: its steps, timings, outputs and errors.")

            @Argument(help: "The run's id.")
            var runID: String

            @Flag(help: "Print the record as JSON.")
            var json = false

            @OptionGroup var options: EngineOptions

            func run() async throws {
                let store = try options.store()
                guard let record = await store.record(runID) else {
                    throw CLIError(description: "run '\(runID)' not found in \(WorkflowFiles.displayPath(try options.stateFolder()))", exitStatus: 1)
                }
                print(json ? record.jsonText() : RunReport.detail(record, recordPath: options.recordPath(record)), terminator: json ? "\n" : "")
            }
        }
    }
}

extension RunStatus: ExpressibleByArgument {}
