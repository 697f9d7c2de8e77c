import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// `GET /api/runs/{id}/stream`: every event in order, resumable with `Last-Event-ID`.
@Suite struct StreamTests {
    static let slow = """
        name: Slow
        steps:
          - {id: first, type: script, config: {run: "sleep 0.3"}}
          - {id: second, type: script, depends_on: [first], config: {run: "echo done"}}
        """

    @Test func streamsEveryEventInOrderAndResumesAfterALastEventID() async throws {
        let fixture = try await APITests.Fixture(["workflows/slow.yaml": Self.slow])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let runID = try await client.execute(uri: "/api/workflows/slow/run", method: .post, body: ByteBuffer(string: "{}")) { response in
                try JSONParser.parse(String(buffer: response.body))["run_id"]?.stringValue ?? ""
            }
            let stream = try await client.execute(uri: "/api/runs/\(runID)/stream", method: .get) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                return String(buffer: response.body)
            }
            // Recorded events, each once with its id; a script's start is recorded as `step_process`.
            let frames = stream.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            let recorded = frames.filter { !$0.contains("event: step_log") }
            let kinds = recorded.compactMap { $0.split(separator: "\n").first { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) } }
            #expect(kinds == ["run_created", "run_started", "step_started", "step_process", "step_completed",
                              "step_started", "step_process", "step_completed", "run_completed"])
            let ids = recorded.compactMap { $0.split(separator: "\n").first { $0.hasPrefix("id: ") }.flatMap { Int($0.dropFirst(4)) } }
            #expect(ids == Array(1...9))
            // The live log line of `second` (when the stream was open by then) repeats the id of
            // the event before it.
            for log in frames where log.contains("event: step_log") {
                #expect(log.hasPrefix("id: 7\nevent: step_log\ndata: "))
                #expect(log.contains(#""text":"done""#))
            }

            let rest = try await client.execute(uri: "/api/runs/\(runID)/stream", method: .get, headers: [.init("Last-Event-ID")!: "7"]) { response in
                String(buffer: response.body)
            }
            #expect(rest.split(separator: "\n").filter { $0.hasPrefix("id: ") } == ["id: 8", "id: 9"])
            try await client.execute(uri: "/api/runs/nope/stream", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
