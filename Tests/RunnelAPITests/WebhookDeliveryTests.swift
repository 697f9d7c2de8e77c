import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import RunnelPostgres
import RunnelTestSupport
import Testing

/// One suite that every ``DeliveryStore`` passes, and replayed webhook deliveries answered
/// with their original run, across a restart.
@Suite struct WebhookDeliveryTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, file, postgres

        var testDescription: String { rawValue }

        /// The kinds this run tests (PostgreSQL when a test database is configured or CI requires it).
        static var available: [Kind] { TestDatabase.runs ? allCases : [.memory, .file] }

        /// Runs `body` with a new, empty store remembering for 60 s.
        func withStore(_ body: @Sendable (any DeliveryStore) async throws -> Void) async throws {
            switch self {
            case .memory: try await body(MemoryDeliveryStore(window: .seconds(60)))
            case .file:
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-deliveries-\(UUID().uuidString)").path
                defer { try? FileManager.default.removeItem(atPath: folder) }
                try await body(FileDeliveryStore(path: folder + "/deliveries.jsonl", window: .seconds(60)))
            case .postgres:
                try await TestDatabase.withSchema { database in try await body(PostgresDeliveryStore(database, window: .seconds(60))) }
            }
        }
    }

    @Test(arguments: Kind.available) func aStoreRemembersForItsWindow(_ kind: Kind) async throws {
        try await kind.withStore { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(try await store.run(for: "a", now: start) == nil)
            try await store.record("a", runID: "run-1", at: start)
            #expect(try await store.run(for: "a", now: start.addingTimeInterval(59)) == "run-1")
            #expect(try await store.run(for: "a", now: start.addingTimeInterval(61)) == nil)
            #expect(try await store.run(for: "b", now: start) == nil)
            for n in 0..<100 { try await store.record("k\(n)", runID: "r\(n)", at: start.addingTimeInterval(Double(n))) }
            #expect(try await store.run(for: "k99", now: start.addingTimeInterval(100)) == "r99")
        }
    }

    @Test func theFileStoreSurvivesARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-deliveries-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = Date()
        try await FileDeliveryStore(path: folder + "/d.jsonl").record("x", runID: "run-x", at: now)
        #expect(try await FileDeliveryStore(path: folder + "/d.jsonl").run(for: "x", now: now) == "run-x")
    }

    @Test func aReplayedDeliveryGetsTheOriginalRunEvenAfterARestart() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let body = #"{"name": "Cy"}"#
        let signature = WebhookSignature.sign(Array(body.utf8), secret: "hook-secret")
        func deliver(_ app: some ApplicationProtocol, _ id: String) async throws -> (HTTPResponse.Status, String) {
            try await app.test(.router) { client in
                try await client.execute(uri: "/hooks/greet/signed", method: .post,
                                         headers: [.init("X-Hub-Signature-256")!: signature, .init("X-GitHub-Delivery")!: id],
                                         body: ByteBuffer(string: body)) { response in
                    (response.status, try JSONParser.parse(String(buffer: response.body))["run_id"]?.stringValue ?? "")
                }
            }
        }
        let first = try await deliver(fixture.app, "delivery-1")
        #expect(first.0 == .accepted)
        let replay = try await deliver(fixture.app, "delivery-1")
        #expect(replay.0 == .ok)
        #expect(replay.1 == first.1)
        // A new server over the same state folder remembers it.
        let restarted = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router())
        let again = try await deliver(restarted, "delivery-1")
        #expect(again == (.ok, first.1))
        let other = try await deliver(restarted, "delivery-2")
        #expect(other.0 == .accepted)
        #expect(other.1 != first.1)
        // Simultaneous copies of one delivery start one run.
        let routes = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router())
        let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
            for _ in 0..<20 { group.addTask { try await deliver(routes, "delivery-3") } }
            var all: [(HTTPResponse.Status, String)] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        #expect(answers.filter { $0.0 == .accepted }.count == 1)
        #expect(Set(answers.map(\.1)).count == 1)
        let runs = await fixture.daemon.store.list(RunQuery(workflowID: "greet", limit: 100))
        #expect(runs.total == 3)
        for run in runs.runs { _ = await fixture.daemon.engine.wait(run.id) }
    }
}
