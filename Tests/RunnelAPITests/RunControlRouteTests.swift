import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelEngine
import Testing

/// `POST /api/runs/{id}/pause`, `/resume` after it, and `/cancel` with who and why.
@Suite struct RunControlRouteTests {
    static let slow = """
        name: Slow
        steps:
          - {id: first, type: script, config: {run: "sleep 0.5"}}
          - {id: second, type: script, depends_on: [first], config: {run: "true"}}
        """

    @Test func pausesResumesAndCancelsWithAReason() async throws {
        let fixture = try await APITests.Fixture(["workflows/slow.yaml": Self.slow])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let runID = try await client.execute(uri: "/api/workflows/slow/run", method: .post, body: ByteBuffer(string: "{}")) {
                try APITests.json($0)["run_id"]?.stringValue ?? ""
            }
            while await fixture.daemon.store.record(runID)?.stepRun("first")?.status != .running {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await client.execute(uri: "/api/runs/\(runID)/pause", method: .post, body: ByteBuffer(string: #"{"reason": 3}"#)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/runs/\(runID)/pause", method: .post, body: ByteBuffer(string: #"{"reason": "checking"}"#)) { response in
                #expect(response.status == .accepted)
                let body = try APITests.json(response)
                #expect(body["status"] == "pausing")
            }
            var record = await fixture.daemon.store.record(runID)
            while record?.status != .paused {
                try await Task.sleep(for: .milliseconds(10))
                record = await fixture.daemon.store.record(runID)
            }
            try await client.execute(uri: "/api/runs/\(runID)", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["status"] == "paused")
                #expect(body["stopped_by"] == "api")
                #expect(body["error"] == "checking")
                #expect(body["step_runs"]?.arrayValue?.count == 1, "second did not start")
            }
            try await client.execute(uri: "/api/runs/\(runID)/pause", method: .post) { response in
                #expect(response.status == .conflict)
                let body = try APITests.json(response)
                #expect(body["error"]?["message"]?.stringValue?.contains("only a running run can be paused") == true)
            }
            try await client.execute(uri: "/api/runs/\(runID)/resume", method: .post) { #expect($0.status == .accepted) }
            #expect(await fixture.daemon.engine.wait(runID)?.status == .completed)
            try await client.execute(uri: "/api/runs/nope/pause", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/runs/\(runID)/cancel", method: .post) { #expect($0.status == .conflict) }

            let other = try await client.execute(uri: "/api/workflows/slow/run", method: .post, body: ByteBuffer(string: "{}")) {
                try APITests.json($0)["run_id"]?.stringValue ?? ""
            }
            try await client.execute(uri: "/api/runs/\(other)/cancel", method: .post, body: ByteBuffer(string: #"{"reason": "wrong inputs"}"#)) { response in
                #expect(response.status == .accepted)
                let body = try APITests.json(response)
                #expect(body["reason"] == "wrong inputs")
            }
            let cancelled = await fixture.daemon.engine.wait(other)
            #expect(cancelled?.status == .cancelled)
            #expect(cancelled?.error == "wrong inputs")
            #expect(cancelled?.stoppedBy == "api")
        }
    }
}
