import ArgumentParser
import Foundation
import RunnelCore

extension Runnel {
    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve or reject a step that a run waits at, through the running daemon's API.",
            discussion: """
                Calls POST /api/runs/RUN/approvals/STEP as the API key's name. Only the daemon that runs \
                the run can continue it, so this needs `runnel serve` with its API.
                """
        )

        @Argument(help: "The run's id.")
        var run: String

        @Argument(help: "The step that waits.")
        var step: String

        @Flag(help: "Approve.")
        var approve = false

        @Flag(help: "Reject.")
        var reject = false

        @Option(help: "A note kept with the decision.")
        var note: String?

        @Option(help: "Data for the step's input_schema, as JSON.")
        var input: String?

        @OptionGroup var client: DaemonClient

        func validate() throws {
            guard approve != reject else { throw ValidationError("give one of --approve or --reject") }
            if let input, (try? JSONParser.parse(input)) == nil { throw ValidationError("--input must be JSON") }
        }

        func run() async throws {
            var body: [String: JSONValue] = ["action": .string(approve ? "approve" : "reject")]
            if let note { body["note"] = .string(note) }
            if let input { body["input"] = try JSONParser.parse(input) }
            let answer = try await client.call("POST", "/api/runs/\(DaemonClient.escape(run))/approvals/\(DaemonClient.escape(step))",
                                               body: .object(body))
            let state = answer?["status"]?.stringValue ?? "recorded"
            let remaining = answer?["remaining"]?.numberValue.map { Int($0) } ?? 0
            print(state == "waiting" ? "recorded; \(remaining) more approval(s) needed" : "\(run) \(step): \(state)")
        }
    }
}
