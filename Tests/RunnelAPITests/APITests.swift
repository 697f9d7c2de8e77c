import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import RunnelTestSupport
import ServiceLifecycle
import Testing

/// The API over a daemon of a real repository, through Hummingbird's router test client and
/// a live server on 127.0.0.1.
@Suite struct APITests {
    static let greet = """
        name: Greet
        tags: [demo]
        inputs:
          who: {type: string, required: true}
        on:
          event:
            - {type: user.joined, inputs: {who: "${{ event.payload.name }}"}}
          webhook:
            - {id: signed, secret: HOOK_KEY, inputs: {who: "${{ event.payload.name }}"}}
        steps:
          - id: say
            type: script
            config:
              env: {WHO: "${{ inputs.who }}"}
              run: 'echo "said=hello $WHO" >> "$RUNNEL_OUTPUT"'
        outputs:
          said: ${{ steps.say.output.said }}
        """

    struct Fixture {
        let folder: String
        let daemon: DaemonServices
        let app: Application<RouterResponder<BasicRequestContext>>
        /// What the daemon's services logged.
        let logs = LogCapture()
        /// The services that follow runs (the launcher and the notifications; the reconcile
        /// and schedule loops stay off: the tests drive them).
        let followers: Task<Void, Never>

        init(_ files: [String: String], secrets: [String: String] = [:]) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-api-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder + "/repo", withIntermediateDirectories: true)
            try Self.git(folder + "/repo", "init", "-q", "-b", "main")
            for (path, text) in files {
                let url = URL(fileURLWithPath: folder + "/repo/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            try Self.git(folder + "/repo", "add", "-A")
            try Self.git(folder + "/repo", "commit", "-q", "-m", "initial")
            daemon = try DaemonServices(DaemonConfiguration(repository: folder + "/repo", state: folder + "/state"),
                                secrets: EnvironmentSecretStore(environment: ["RUNNEL_SECRET_HOOK_KEY": "hook-secret"]
                                    .merging(secrets.map { ("RUNNEL_SECRET_" + $0.key, $0.value) }) { $1 }), logger: logs.logger)
            followers = Self.follow(daemon)
            _ = try await daemon.start()
            app = Application(router: APIRoutes(daemon: daemon, keys: nil).router())
        }

        /// Runs the launcher and the notification service of `daemon` until cancelled.
        static func follow(_ daemon: DaemonServices) -> Task<Void, Never> {
            Task {
                let group = ServiceGroup(configuration: .init(services: [.init(service: daemon.notifications), .init(service: daemon.launcher)],
                                                              logger: Logger(label: "test")))
                try? await group.run()
            }
        }

        func remove() {
            followers.cancel()
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// Runs git in `directory` (``TestGit``; a failing command is not an error here).
        static func git(_ directory: String, _ arguments: String...) throws {
            try TestGit.run(arguments, in: directory, identity: TestGit.Identity(name: "Test", email: "test@example.com"), check: false)
        }
    }

    static func json(_ response: TestResponse) throws -> JSONValue {
        try JSONParser.parse(String(buffer: response.body))
    }

    @Test func listsAndReadsWorkflowsWithPercentEncodedIDs() async throws {
        let fixture = try await Fixture(["workflows/team/greet.yaml": Self.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/workflows?tag=demo", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["total"] == 1)
                #expect(body["workflows"]?.arrayValue?.first?["id"] == "team/greet")
                #expect(body["workflows"]?.arrayValue?.first?["step_count"] == 1)
                #expect(body["workflows"]?.arrayValue?.first?["status"] == "active")
            }
            try await client.execute(uri: "/api/workflows/team%2Fgreet", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["definition"]?["name"] == "Greet")
            }
            try await client.execute(uri: "/api/workflows/nope", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try Self.json(response)
                #expect(body["error"]?["code"] == "not_found")
            }
            try await client.execute(uri: "/api/workflows/..%2Fetc", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func runsAWorkflowAsynchronouslyAndReportsItsRecord() async throws {
        let fixture = try await Fixture(["workflows/greet.yaml": Self.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let runID = try await client.execute(uri: "/api/workflows/greet/run", method: .post,
                                                 body: ByteBuffer(string: #"{"input_data": {"who": "Ada"}}"#)) { response in
                #expect(response.status == .accepted)
                return try Self.json(response)["run_id"]?.stringValue ?? ""
            }
            _ = await fixture.daemon.engine.wait(runID)
            try await client.execute(uri: "/api/runs/\(runID)", method: .get) { response in
                let record = try Self.json(response)
                #expect(record["status"] == "completed")
                #expect(record["outputs"]?["said"] == "hello Ada")
                #expect(record["step_runs"]?.arrayValue?.first?["step_id"] == "say")
            }
            try await client.execute(uri: "/api/runs?workflow=greet&status=completed", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["total"] == 1)
            }
            for bad in ["status=bogus", "limit=0", "limit=-5", "limit=201", "offset=-3", "since=notadate"] {
                try await client.execute(uri: "/api/runs?\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            try await client.execute(uri: "/api/workflows/greet/run", method: .post, body: ByteBuffer(string: #"{"input_data": {}}"#)) { response in
                #expect(response.status == .badRequest)
                let body = try Self.json(response)
                #expect(body["error"]?["message"] == "invalid inputs for 'greet': input 'who' is required")
            }
            try await client.execute(uri: "/api/workflows/greet/run", method: .post, body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func eventsAndSignedWebhooksStartRuns() async throws {
        let fixture = try await Fixture(["workflows/greet.yaml": Self.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/events", method: .post,
                                     body: ByteBuffer(string: #"{"type": "user.joined", "payload": {"name": "Bo"}}"#)) { response in
                #expect(response.status == .accepted)
                let runs = try Self.json(response)["runs"]?.arrayValue ?? []
                #expect(runs.count == 1)
                if let id = runs.first?.stringValue { #expect(await fixture.daemon.engine.wait(id)?.outputs == ["said": "hello Bo"]) }
            }
            let body = #"{"name": "Cy"}"#
            let signature = WebhookSignature.sign(Array(body.utf8), secret: "hook-secret")
            try await client.execute(uri: "/hooks/greet/signed", method: .post, headers: [.init("X-Hub-Signature-256")!: signature],
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .accepted)
            }
            try await client.execute(uri: "/hooks/greet/signed", method: .post, headers: [.init("X-Hub-Signature-256")!: "sha256=00"],
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/hooks/greet/other", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func aFailedRunIsResumedThroughTheAPIAndStatusShowsIdle() async throws {
        let mark = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-mark-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: mark) }
        let flaky = "name: Flaky\nenv: {MARK: \"\(mark)\"}\nsteps:\n  - {id: check, type: script, config: {run: 'test -f \"$MARK\"'}}\n"
        let fixture = try await Fixture(["workflows/flaky.yaml": flaky])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["active_commit"]?.stringValue?.count == 40)
            }
            let runID = try await client.execute(uri: "/api/workflows/flaky/run", method: .post) { response in
                try Self.json(response)["run_id"]?.stringValue ?? ""
            }
            #expect(await fixture.daemon.engine.wait(runID)?.status == .failed)
            FileManager.default.createFile(atPath: mark, contents: nil)
            try await client.execute(uri: "/api/runs/\(runID)/resume", method: .post) { #expect($0.status == .accepted) }
            try await Task.sleep(for: .milliseconds(50))
            #expect(await fixture.daemon.engine.wait(runID)?.status == .completed)
            try await client.execute(uri: "/api/runs/\(runID)/resume", method: .post) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/workflows/flaky/status", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["status"] == "idle")
                #expect(body["total_steps"] == 1)
            }
        }
    }

    @Test func aLiveServerAnswersOnLoopback() async throws {
        let fixture = try await Fixture(["workflows/greet.yaml": Self.greet])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"status\":\"ok\"}\n")
            }
        }
    }
}
