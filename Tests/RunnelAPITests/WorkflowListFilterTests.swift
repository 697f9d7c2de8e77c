import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// `GET /api/workflows?trigger_type=`.
@Suite struct WorkflowListFilterTests {
    @Test func keepsTheWorkflowsThatDeclareTheTriggerKind() async throws {
        let plain = "name: Plain\nsteps:\n  - {id: a, type: script, config: {run: 'true'}}\n"
        let nightly = "name: Nightly\non:\n  schedule:\n    - cron: \"0 3 * * *\"\nsteps:\n  - {id: a, type: script, config: {run: 'true'}}\n"
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet, "workflows/plain.yaml": plain,
                                                  "workflows/nightly.yaml": nightly])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for (kind, ids) in [("webhook", ["greet"]), ("event", ["greet"]), ("schedule", ["nightly"]), ("manual", ["plain"]), ("workflow", [])] {
                try await client.execute(uri: "/api/workflows?trigger_type=\(kind)", method: .get) { response in
                    let body = try APITests.json(response)
                    #expect(body["workflows"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ids, "\(kind)")
                    #expect(body["total"] == .number(Double(ids.count)))
                }
            }
            try await client.execute(uri: "/api/workflows?trigger_type=cron", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try APITests.json(response)
                #expect(body["error"]?["message"] == "'trigger_type' must be one of manual, schedule, event, webhook, workflow, mcp, not 'cron'")
            }
        }
    }
}
