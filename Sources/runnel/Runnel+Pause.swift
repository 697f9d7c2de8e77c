import ArgumentParser
import Foundation
import RunnelCore

extension Runnel {
    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a run that the running daemon runs, through its API.",
            discussion: """
                Calls POST /api/runs/RUN/pause: the steps that are running finish, no new step starts, and \
                the run is left `paused` (holding no slot of the global limit) until `POST /api/runs/RUN/resume` \
                or a cancel. Exit status 1 when the run is not running or unknown.
                """
        )

        @Argument(help: "The run's id.")
        var run: String

        @Option(help: "Why (recorded in the run's record).")
        var reason: String?

        @OptionGroup var client: DaemonClient

        func run() async throws {
            let body: JSONValue = reason.map { ["reason": .string($0)] } ?? [:]
            let answer = try await client.call("POST", "/api/runs/\(DaemonClient.escape(run))/pause", body: body)
            print("\(run): \(answer?["status"]?.stringValue ?? "pausing")")
        }
    }
}
