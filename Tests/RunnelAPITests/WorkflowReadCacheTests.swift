import Foundation
import Hummingbird
import HummingbirdTesting
@testable import RunnelAPI
import RunnelCore
import RunnelEngine
import Testing

/// `GET /api/workflows/{id}` answers from an encoded body kept per (snapshot, latest run,
/// branch tip): made once, copied after, made again when any of the three changes.
@Suite struct WorkflowReadCacheTests {
    static func read(_ client: some TestClientProtocol) async throws -> (text: String, body: JSONValue) {
        try await client.execute(uri: "/api/workflows/greet", method: .get) { response in
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            return (text, try JSONParser.parse(text))
        }
    }

    @Test func aReadIsMadeOncePerSnapshotLatestRunAndTip() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let routes = APIRoutes(daemon: fixture.daemon, keys: nil)
        let app = Application(router: routes.router())
        try await app.test(.router) { client in
            let first = try await Self.read(client)
            #expect(try await Self.read(client).text == first.text)
            #expect(routes.workflowBodies.builds == 1, "the second read copies the first answer")
            #expect(first.body["definition"]?["name"] == "Greet")
            #expect(first.body["latest_run"] == .null)

            // A run: the latest run is another, so is the answer.
            let run = try await fixture.daemon.launcher.startRun(workflowID: "greet", inputs: ["who": "Ada"], trigger: RunTrigger(type: "manual"))
            #expect(await fixture.daemon.engine.wait(run.id)?.status == .completed)
            let afterRun = try await Self.read(client)
            #expect(afterRun.body["latest_run"]?["id"] == .string(run.id))
            #expect(afterRun.body["latest_run"]?["status"] == "completed")
            #expect(routes.workflowBodies.builds == 2)
            try await client.execute(uri: "/api/workflows", method: .get) { response in
                let list = try JSONParser.parse(String(buffer: response.body))
                #expect(list["workflows"]?.arrayValue?.first?["latest_run"]?["id"] == .string(run.id))
            }

            // A commit the daemon has not reconciled yet: the tip moves, the definition doesn't.
            let renamed = APITests.greet.replacingOccurrences(of: "name: Greet", with: "name: Greet Again")
            try renamed.write(toFile: fixture.folder + "/repo/workflows/greet.yaml", atomically: true, encoding: .utf8)
            try APITests.Fixture.git(fixture.folder + "/repo", "commit", "-q", "-am", "rename")
            let pushed = try await Self.read(client)
            #expect(pushed.body["definition"]?["name"] == "Greet")
            #expect(pushed.body["branch_commit"] != first.body["branch_commit"])

            // Its reconcile publishes a new snapshot: same tip and latest run, a new answer.
            _ = try await fixture.daemon.reconciler.reconcile()
            let reconciled = try await Self.read(client)
            #expect(reconciled.body["definition"]?["name"] == "Greet Again")
            #expect(reconciled.body["name"] == "Greet Again")
            #expect(reconciled.body["branch_commit"] == pushed.body["branch_commit"])
            #expect(routes.workflowBodies.builds == 4)
        }
    }
}
