import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// Deciding waits through the API as the API key's principal, and input pauses.
@Suite struct ApprovalRouteTests {
    static let release = """
        name: Release
        steps:
          - id: approve
            type: approval
            config: {message: Release?, approvers: [alice, bob, carol], required: 2, timeout: 1h}
          - {id: ship, type: script, depends_on: [approve], config: {run: "true"}}
        """

    static func json(_ response: TestResponse) throws -> JSONValue { try JSONParser.parse(String(buffer: response.body)) }

    static func waitUntilWaiting(_ daemon: DaemonServices, _ runID: String) async throws {
        for _ in 0..<1000 {
            if await daemon.engine.waitingApproval(runID: runID, stepID: "approve") != nil { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("the run never waited")
    }

    @Test func approversRequiredAndSelfApprovalAreEnforced() async throws {
        let fixture = try await APITests.Fixture(["workflows/release.yaml": Self.release])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        var key: [String: String] = [:]
        for name in ["alice", "bob", "carol", "mallory"] { key[name] = try keys.create(name: name, scopes: [.run]) }
        key["viewer"] = try keys.create(name: "viewer", scopes: [.read])
        let secrets = key
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        try await app.test(.router) { client in
            func auth(_ name: String) -> HTTPFields { [.authorization: "Bearer \(secrets[name] ?? "")"] }
            let runID = try await client.execute(uri: "/api/workflows/release/run", method: .post, headers: auth("alice"),
                                                 body: ByteBuffer(string: "{}")) { try Self.json($0)["run_id"]?.stringValue ?? "" }
            try await Self.waitUntilWaiting(fixture.daemon, runID)
            #expect(await fixture.daemon.store.record(runID)?.trigger.details["started_by"] == "alice")
            let decide = "/api/runs/\(runID)/approvals/approve"
            func post(_ who: String, _ body: String) async throws -> (HTTPResponse.Status, JSONValue) {
                try await client.execute(uri: decide, method: .post, headers: auth(who), body: ByteBuffer(string: body)) {
                    ($0.status, try Self.json($0))
                }
            }
            try await client.execute(uri: "/api/approvals", method: .get, headers: auth("viewer")) { response in
                let list = try Self.json(response)["approvals"]?.arrayValue ?? []
                #expect(list.count == 1)
                #expect(list.first?["run_id"]?.stringValue == runID)
                #expect(list.first?["step_id"] == "approve")
                #expect(list.first?["message"] == "Release?")
                #expect(list.first?["required"] == 2)
                #expect(list.first?["approvers"] == ["alice", "bob", "carol"])
                #expect(list.first?["expires_at"]?.stringValue != nil)
            }
            #expect(try await post("alice", #"{"action": "approve"}"#).0 == .forbidden)  // started the run
            #expect(try await post("mallory", #"{"action": "approve"}"#).0 == .forbidden)  // not an approver
            #expect(try await post("viewer", #"{"action": "approve"}"#).0 == .forbidden)  // no run scope
            #expect(try await post("bob", #"{"action": "maybe"}"#).0 == .badRequest)
            let (status, body) = try await post("bob", #"{"action": "approve", "note": "fine by me"}"#)
            #expect(status == .ok)
            #expect(body["status"] == "waiting")
            #expect(body["remaining"] == 1)
            #expect(try await post("bob", #"{"action": "approve"}"#).0 == .conflict)
            try await client.execute(uri: "/api/approvals?run_id=\(runID)", method: .get, headers: auth("viewer")) { response in
                let decisions = try Self.json(response)["approvals"]?.arrayValue?.first?["decisions"]?.arrayValue ?? []
                #expect(decisions.map { $0["by"] } == ["bob"])
                #expect(decisions.first?["note"] == "fine by me")
            }
            #expect(await fixture.daemon.store.record(runID)?.status == .awaitingApproval)
            #expect(try await post("carol", #"{"action": "approve"}"#).1["status"] == "approved")
            #expect(await fixture.daemon.engine.wait(runID)?.status == .completed)
            #expect(try await post("carol", #"{"action": "approve"}"#).0 == .notFound)
            try await client.execute(uri: "/api/runs/nope/approvals/approve", method: .post, headers: auth("bob"),
                                     body: ByteBuffer(string: #"{"action": "approve"}"#)) { #expect($0.status == .notFound) }
        }
    }

    @Test func anInputPauseChecksTheSchemaThenContinues() async throws {
        let flow = """
            name: Ask
            steps:
              - id: approve
                type: approval
                config:
                  message: Which ticket?
                  input_schema:
                    type: object
                    required: [ticket, priority]
                    properties:
                      ticket: {type: string, minLength: 3}
                      priority: {enum: [low, high]}
            outputs:
              ticket: ${{ steps.approve.output.input.ticket }}
            """
        let fixture = try await APITests.Fixture(["workflows/ask.yaml": flow])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let runID = try await client.execute(uri: "/api/workflows/ask/run", method: .post) { try Self.json($0)["run_id"]?.stringValue ?? "" }
            try await Self.waitUntilWaiting(fixture.daemon, runID)
            try await client.execute(uri: "/api/runs/\(runID)/resume", method: .post,
                                     body: ByteBuffer(string: #"{"input": {"ticket": "x", "priority": "urgent"}}"#)) { response in
                #expect(response.status == .badRequest)
                let error = try Self.json(response)["error"]
                #expect(error?["code"] == "invalid_input")
                #expect(error?["details"]?["problems"] == ["/priority: must be one of \"low\", \"high\"", "/ticket: must be at least 3 characters long"])
            }
            try await client.execute(uri: "/api/runs/\(runID)/approvals/approve", method: .post,
                                     body: ByteBuffer(string: #"{"action": "approve", "input": {"ticket": "OPS-1"}}"#)) { response in
                #expect(response.status == .badRequest)
                let body = try Self.json(response)
                #expect(body["error"]?["details"]?["problems"] == ["/priority: is required"])
            }
            #expect(await fixture.daemon.store.record(runID)?.status == .awaitingApproval)
            try await client.execute(uri: "/api/runs/\(runID)/resume", method: .post,
                                     body: ByteBuffer(string: #"{"input": {"ticket": "OPS-7", "priority": "high"}}"#)) { response in
                #expect(response.status == .ok)
                let decoded = try Self.json(response)
                #expect(decoded["status"] == "approved")
            }
            let record = try #require(await fixture.daemon.engine.wait(runID))
            #expect(record.status == .completed)
            #expect(record.outputs?["ticket"] == "OPS-7")
            try await client.execute(uri: "/api/runs/\(runID)/resume", method: .post,
                                     body: ByteBuffer(string: #"{"input": {"ticket": "OPS-8"}}"#)) { #expect($0.status == .conflict) }
        }
    }
}
