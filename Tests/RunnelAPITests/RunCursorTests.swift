import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelEngine
import Testing

/// `GET /api/runs` pages by cursor (`before`, `next_cursor`) and takes `until`.
@Suite struct RunCursorTests {
    @Test func pagesFollowTheCursorAndUntilIsExclusive() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var ids: [String] = []
        for name in ["a", "b", "c"] {
            ids.append(try await fixture.daemon.launcher.startRun(workflowID: "greet", inputs: ["who": .string(name)], trigger: RunTrigger(type: "manual")).id)
            try await Task.sleep(for: .milliseconds(5))
        }
        let started = ids
        try await fixture.app.test(.router) { client in
            var cursor = ""
            try await client.execute(uri: "/api/runs?limit=2", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["runs"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [started[2], started[1]])
                cursor = try #require(body["next_cursor"]?.stringValue)
            }
            try await client.execute(uri: "/api/runs?limit=2&before=\(cursor)", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["runs"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [started[0]])
                #expect(body["next_cursor"] == .null)
            }
            try await client.execute(uri: "/api/runs?until=2000-01-01T00:00:00Z", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["runs"]?.arrayValue?.isEmpty == true)
            }
            try await client.execute(uri: "/api/runs?until=3000-01-01T00:00:00Z", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["runs"]?.arrayValue?.count == 3)
            }
            try await client.execute(uri: "/api/runs?until=tomorrow", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try APITests.json(response)
                #expect(body["error"]?["message"]?.stringValue?.contains("'until'") == true)
            }
            try await client.execute(uri: "/api/runs?before=", method: .get) { #expect($0.status == .badRequest) }
        }
    }
}
