import Foundation
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// `concurrency: {limit: 1, on_conflict: reject}` under concurrency: of 300 simultaneous
/// `POST /run` against a live server, exactly one is accepted and the others get 409.
@Suite struct AdmissionTests {
    @Test func rejectAdmitsExactlyOneOf300ConcurrentRuns() async throws {
        let mark = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-gate-\(UUID().uuidString)").path
        // Whatever happens, the held runs end (their script waits for this file).
        defer { FileManager.default.createFile(atPath: mark, contents: nil) }
        let gate = """
            name: Gate
            env: {MARK: "\(mark)"}
            concurrency: {limit: 1, on_conflict: reject}
            steps:
              - {id: hold, type: script, config: {run: 'while [ ! -f "$MARK" ]; do sleep 0.5; done'}}
            """
        let fixture = try await APITests.Fixture(["workflows/gate.yaml": gate])
        defer { fixture.remove() }
        let router = APIRoutes(daemon: fixture.daemon, keys: nil, deliveries: MemoryDeliveryStore()).router()
        let statuses = try await LiveServer.with(router) { server in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<300 {
                    group.addTask { try await server.send(.POST, "/api/workflows/gate/run", body: "{}").status }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
        }
        FileManager.default.createFile(atPath: mark, contents: nil)
        #expect(statuses.count == 300)
        #expect(statuses.filter { $0 == 202 }.count == 1)
        #expect(statuses.filter { $0 == 409 }.count == 299)
        let runs = await fixture.daemon.store.list(RunQuery(workflowID: "gate", limit: 1000))
        #expect(runs.total == 1)
        if let run = runs.runs.first { _ = await fixture.daemon.engine.wait(run.id) }
    }
}
