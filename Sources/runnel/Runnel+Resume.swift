import ArgumentParser
import Foundation
import RunnelEngine

extension Runnel {
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a failed, cancelled or interrupted run in the foreground.",
            discussion: """
                The run continues on the definition it was pinned to; completed steps keep their \
                outputs. A run whose process was killed resumes from its last completed step. \
                Exit status as for `runnel run`.
                """
        )

        @Argument(help: "The run's id.")
        var runID: String

        @Option(name: .customLong("from"), help: "Run again from this step (and what follows it).")
        var fromStep: String?

        @Flag(help: "Print the final run record as JSON instead of progress.")
        var json = false

        @OptionGroup var options: EngineOptions

        func run() async throws {
            let store = try options.store()
            let lock = try RunLock.acquire(runID, state: try options.stateFolder())
            defer { lock.release() }
            let engine = try options.engine(store: store)
            let resumed = try await CLIError.refusing { () async throws(EngineError) in
                try await engine.resume(runID, fromStep: fromStep)
            }
            let final = try await RunFollower(engine: engine, json: json).follow(resumed.id, after: resumed.lastEventID)
            RunReport.printResult(final, recordPath: options.recordPath(final), json: json)
            if final.status != .completed { throw ExitCode(1) }
        }
    }
}
