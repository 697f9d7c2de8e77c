import ArgumentParser
import Foundation
import RunnelAPI
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

            @Option(help: "At most this many runs (1-200, as the API's limit).")
            var limit = 20

            @Option(help: "Skip this many runs first.")
            var offset = 0

            @OptionGroup var options: EngineOptions

            func validate() throws {
                do {
                    _ = try ListQuery(limit: limit, offset: offset)
                } catch {
                    throw ValidationError("--\(error.name) must be \(error.expected), not \(error.given)")
                }
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

            @Flag(help: "Print the record as JSON (with --logs: one JSON object per log line).")
            var json = false

            @Flag(help: "Print the lines the run's steps logged (stdout, stderr, requests, agent turns) instead of the record.")
            var logs = false

            @Option(help: "With --logs: only this step's lines.")
            var step: String?

            @Option(help: "With --logs: only the last N lines.")
            var tail: Int?

            @OptionGroup var options: EngineOptions

            func validate() throws {
                if let tail, tail < 1 { throw ValidationError("--tail must be 1 or more, not \(tail)") }
                if !logs, step != nil || tail != nil { throw ValidationError("--step and --tail go with --logs") }
            }

            func run() async throws {
                let store = try options.store()
                guard let record = await store.record(runID) else {
                    throw CLIError(description: "run '\(runID)' not found in \(WorkflowFiles.displayPath(try options.stateFolder()))", exitStatus: 1)
                }
                if logs {
                    let lines: [StepLogLine]
                    do { lines = try await store.log(of: runID, step: step, tail: tail) } catch {
                        throw CLIError(description: error.description, exitStatus: 1)
                    }
                    for line in lines {
                        print(json ? line.json.serialized() : RunProgress.logLine(step: line.stepID, stream: line.stream.rawValue, text: line.text))
                    }
                    return
                }
                print(json ? record.jsonText() : RunReport.detail(record, recordPath: options.recordPath(record)), terminator: json ? "\n" : "")
            }
        }
    }
}

extension RunStatus: ExpressibleByArgument {}
