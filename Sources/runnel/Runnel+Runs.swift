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

            @OptionGroup var database: DatabaseOption

            func validate() throws {
                do {
                    _ = try ListQuery(limit: limit, offset: offset)
                } catch {
                    throw ValidationError("--\(error.name) must be \(error.expected), not \(error.given)")
                }
            }

            func run() async throws {
                let query = RunQuery(workflowID: workflow, status: status, trigger: trigger, limit: limit, offset: offset)
                let page = try await RunStoreFactory.with(try options.storeLocation(database), logger: RunStoreFactory.quietLogger) { store, _ in
                    await store.list(query)
                }
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

            @OptionGroup var database: DatabaseOption

            func validate() throws {
                if let tail, tail < 1 { throw ValidationError("--tail must be 1 or more, not \(tail)") }
                if !logs, step != nil || tail != nil { throw ValidationError("--step and --tail go with --logs") }
            }

            func run() async throws {
                let location = try options.storeLocation(database)
                let (runID, logs, step, tail, json) = (runID, logs, step, tail, json)
                let recordPath: @Sendable (RunRecord) -> String = { [options] record in
                    if case .database(let url) = location { return "table runnel_runs of \(url)" }
                    return options.recordPath(record)
                }
                let text = try await RunStoreFactory.with(location, logger: RunStoreFactory.quietLogger) { store, _ in
                    guard let record = await store.record(runID) else {
                        throw CLIError(description: "run '\(runID)' not found in \(Self.describe(location))", exitStatus: 1)
                    }
                    guard logs else {
                        return json ? record.jsonText() + "\n" : RunReport.detail(record, recordPath: recordPath(record))
                    }
                    let lines: [StepLogLine]
                    do { lines = try await store.log(of: runID, step: step, tail: tail) } catch {
                        throw CLIError(description: "\(error)", exitStatus: 1)
                    }
                    return lines.map {
                        (json ? $0.json.serialized() : RunProgress.logLine(step: $0.stepID, stream: $0.stream.rawValue, text: $0.text)) + "\n"
                    }.joined()
                }
                print(text, terminator: "")
            }

            static func describe(_ location: RunStoreFactory.Location) -> String {
                switch location {
                case .folder(let folder): WorkflowFiles.displayPath(folder)
                case .database(let url): url.description
                }
            }
        }
    }
}

extension RunStatus: ExpressibleByArgument {}
