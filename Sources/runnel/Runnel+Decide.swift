import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
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

        @Option(help: "The daemon's API (default: $RUNNEL_API_URL, else http://127.0.0.1:8080).")
        var api: String?

        @Option(help: "The API key (default: $RUNNEL_API_KEY).")
        var key: String?

        func validate() throws {
            guard approve != reject else { throw ValidationError("give one of --approve or --reject") }
            if let input, (try? JSONParser.parse(input)) == nil { throw ValidationError("--input must be JSON") }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            var base = api ?? environment["RUNNEL_API_URL"] ?? "http://127.0.0.1:8080"
            while base.hasSuffix("/") { base.removeLast() }
            var body: [String: JSONValue] = ["action": .string(approve ? "approve" : "reject")]
            if let note { body["note"] = .string(note) }
            if let input { body["input"] = try JSONParser.parse(input) }
            let escape = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text }
            var request = HTTPClientRequest(url: "\(base)/api/runs/\(escape(run))/approvals/\(escape(step))")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let secret = key ?? environment["RUNNEL_API_KEY"] { request.headers.add(name: "Authorization", value: "Bearer \(secret)") }
            request.body = .bytes(ByteBuffer(string: JSONValue.object(body).serialized()))
            let (status, text): (Int, String)
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                let bytes = try await response.body.collect(upTo: 1 << 20)
                (status, text) = (Int(response.status.code), String(buffer: bytes))
            } catch {
                throw CLIError(description: "cannot reach the API at \(base): \(error)", exitStatus: 1)
            }
            let answer = try? JSONParser.parse(text)
            guard (200..<300).contains(status) else {
                let message = answer?["error"]?["message"]?.stringValue ?? text
                let problems = answer?["error"]?["details"]?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
                throw CLIError(description: ([message] + problems.map { "  \($0)" }).joined(separator: "\n"),
                               exitStatus: status == 400 ? 2 : 1)
            }
            let state = answer?["status"]?.stringValue ?? "recorded"
            let remaining = answer?["remaining"]?.numberValue.map { Int($0) } ?? 0
            print(state == "waiting" ? "recorded; \(remaining) more approval(s) needed" : "\(run) \(step): \(state)")
        }
    }
}
