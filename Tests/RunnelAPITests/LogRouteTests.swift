import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// `GET /api/runs/{id}/logs` and the `step_log` events of the SSE stream.
@Suite struct LogRouteTests {
    @Test func theLogsRouteAndTheStreamCarryAStepsLinesMasked() async throws {
        let go = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-go-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: go) }
        let fixture = try await APITests.Fixture(["workflows/talk.yaml": """
            name: Talk
            steps:
              - id: talk
                type: script
                config:
                  env: {KEY: "${{ secrets.API_KEY }}", GO: "\(go)"}
                  run: |
                    echo "one"
                    echo "key=$KEY" >&2
                    while [ ! -f "$GO" ]; do sleep 0.05; done
                    echo "after the wait"
              - {id: later, type: script, depends_on: [talk], config: {run: "echo later"}}
            """], secrets: ["API_KEY": "k3y-value-123"])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let runID = try await client.execute(uri: "/api/workflows/talk/run", method: .post, body: ByteBuffer(string: "{}")) { response in
                try APITests.json(response)["run_id"]?.stringValue ?? ""
            }
            let opener = Task {
                // Time for the stream below to connect: the line after the wait is then live.
                try? await Task.sleep(for: .seconds(3))
                FileManager.default.createFile(atPath: go, contents: nil)
            }
            defer { opener.cancel() }
            let stream = try await client.execute(uri: "/api/runs/\(runID)/stream", method: .get) { String(buffer: $0.body) }
            // A live line, with the id of the event before it.
            let frames = stream.components(separatedBy: "\n\n")
            let live = try #require(frames.first { $0.contains("event: step_log") && $0.contains("after the wait") }, "\(stream)")
            #expect(live.hasPrefix("id: ") && !live.hasPrefix("id: 0\n"))
            #expect(!stream.contains("k3y-value-123"))
            _ = await fixture.daemon.engine.wait(runID)

            try await client.execute(uri: "/api/runs/\(runID)/logs?step=talk", method: .get) { response in
                #expect(response.status == .ok)
                let body = try APITests.json(response)
                #expect(body["step"] == "talk")
                let lines = body["lines"]?.arrayValue ?? []
                #expect(lines.compactMap { $0["text"]?.stringValue }.sorted() == ["after the wait", "key=***", "one"])
                #expect(lines.first { $0["text"] == "key=***" }?["stream"] == "stderr")
            }
            try await client.execute(uri: "/api/runs/\(runID)/logs?tail=1", method: .get) { response in
                let lines = try APITests.json(response)["lines"]?.arrayValue ?? []
                #expect(lines.map { $0["text"] } == ["later"])
                #expect(lines.first?["step_id"] == "later")
                #expect(lines.first?["seq"] == 4)
            }
            for (query, message) in [("tail=0", "'tail' must be a whole number from 1 to 100000, not '0'"), ("tail=x", "'tail' must be a whole number from 1 to 100000, not 'x'"),
                                     ("step=", "'step' must be a step id")] {
                try await client.execute(uri: "/api/runs/\(runID)/logs?\(query)", method: .get) { response in
                    #expect(response.status == .badRequest)
                    let body = try APITests.json(response)
                    #expect(body["error"]?["message"]?.stringValue == message)
                }
            }
            try await client.execute(uri: "/api/runs/nope/logs", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
