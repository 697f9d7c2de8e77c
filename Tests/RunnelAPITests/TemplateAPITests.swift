import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// The template gallery over the API: listing, reading, installing as a commit.
@Suite struct TemplateAPITests {
    static let repoTemplate = """
        # Template: a greeting.
        name: "Greet ${{ params.who }}"
        tags: [template]
        parameters:
          who: {type: string, required: true}
        steps:
          - id: say
            type: script
            config:
              env: {WHO: "${{ params.who }}"}
              run: 'echo "said=hello $WHO" >> "$RUNNEL_OUTPUT"'
        outputs:
          said: ${{ steps.say.output.said }}
        """

    static func body(_ response: TestResponse) throws -> JSONValue { try JSONParser.parse(String(buffer: response.body)) }

    @Test func listsRepositoryAndBuiltinTemplatesWithTheirParameters() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet, "templates/greeting.yaml": Self.repoTemplate])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/templates", method: .get) { response in
                #expect(response.status == .ok)
                let templates = try Self.body(response)["templates"]?.arrayValue ?? []
                let ids = templates.compactMap { $0["id"]?.stringValue }
                #expect(ids == ids.sorted())
                #expect(Set(ids).isSuperset(of: ["greeting", "http-health-check", "webhook-to-slack"]))
                #expect(templates.first { $0["id"] == "greeting" }?["origin"] == "repository")
                #expect(templates.first { $0["id"] == "http-health-check" }?["origin"] == "builtin")
            }
            try await client.execute(uri: "/api/templates/http-health-check", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.body(response)
                let parameters = body["parameters"]?.arrayValue ?? []
                #expect(parameters.first?["name"] == "service_name")
                #expect(parameters.first?["required"] == true)
                let expected = parameters.first { $0["name"] == "expected_status" }
                #expect(expected?["type"] == "integer")
                #expect(expected?["default"] == 200)
                #expect(body["yaml"]?.stringValue?.contains("parameters:") == true)
                #expect(body["valid"] == true)
            }
            try await client.execute(uri: "/api/templates/nope", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func installingIsACommitByTheKeyAndTheWorkflowIsActive() async throws {
        let broken = "name: Broken\nparameters:\n  a: string\nsteps:\n  - {id: x, type: webhook, config: {url: \"${{ params.b }}\"}}\n"
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet, "templates/greeting.yaml": Self.repoTemplate,
                                                  "templates/broken.yaml": broken])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let writer = try keys.create(name: "gallery-bot", scopes: [.write, .run])
        let reader = try keys.create(name: "viewer", scopes: [.read])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let auth: HTTPFields = [.authorization: "Bearer \(writer)"]
        let start = try #require(await fixture.daemon.activeCommit)
        try await app.test(.router) { client in
            let install = #"{"name": "ops/api-health", "params": {"service_name": "api", "url": "https://api.example.com/healthz", "expected_status": 204}, "change_summary": "Watch the API"}"#
            let commit = try await client.execute(uri: "/api/templates/http-health-check/install", method: .post, headers: auth,
                                                  body: ByteBuffer(string: install)) { response in
                #expect(response.status == .created)
                let body = try Self.body(response)
                #expect(body["id"] == "ops/api-health")
                #expect(body["status"] == "active")
                #expect(body["name"] == "Health check: api")
                #expect(response.headers[.location] == "/api/workflows/ops%2Fapi-health")
                return body["commit"]?.stringValue ?? ""
            }
            #expect(await fixture.daemon.activeCommit == commit)
            let entry = await fixture.daemon.workflows["ops/api-health"]
            #expect(entry?.isRunnable == true)
            let condition = entry?.active?.workflow.definition["steps"]?.arrayValue?[1]["config"]?["condition"]
            #expect(condition == "steps.probe.status == 'completed' && steps.probe.output.status_code == 204")
            #expect(await fixture.daemon.scheduler.schedules(of: "ops/api-health")?.count == 1)
            #expect(try WriteTests.git(fixture.folder + "/repo", "log", "-1", "--format=%an|%s", commit) == "gallery-bot|Watch the API\n")
            let file = try WriteTests.git(fixture.folder + "/repo", "show", "\(commit):workflows/ops/api-health.yaml")
            #expect(file.hasPrefix("# Installed from template 'http-health-check'.\nname: 'Health check: api'\n"))
            #expect(!file.contains("params"))

            // A repository template runs like any workflow once installed.
            try await client.execute(uri: "/api/templates/greeting/install", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"name": "hello-ada", "params": {"who": "Ada"}}"#)) { #expect($0.status == .created) }
            let run = try await fixture.daemon.launcher.startRun(workflowID: "hello-ada", inputs: [:], trigger: .init(type: "manual", details: [:]))
            #expect(await fixture.daemon.engine.wait(run.id)?.outputs == ["said": "hello Ada"])

            // Bad parameters: 422 naming each one; nothing committed.
            let tip = try #require(await fixture.daemon.activeCommit)
            try await client.execute(uri: "/api/templates/http-health-check/install", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"name": "other", "params": {"url": 5, "expected": 1}}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let error = try Self.body(response)["error"]
                #expect(error?["code"] == "invalid_parameters")
                let names = error?["details"]?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                #expect(names == ["expected", "service_name", "url"])
            }
            // The id exists: 409; a stale base: 409; a read key: 403.
            try await client.execute(uri: "/api/templates/greeting/install", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"name": "greet", "params": {"who": "x"}}"#)) { response in
                #expect(response.status == .conflict)
                let answer = try Self.body(response)
                #expect(answer["error"]?["code"] == "exists")
            }
            try await client.execute(uri: "/api/templates/greeting/install", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"name": "late", "params": {"who": "x"}, "base_commit": "\#(start)"}"#)) { response in
                #expect(response.status == .conflict)
                let answer = try Self.body(response)
                #expect(answer["error"]?["code"] == "stale")
            }
            try await client.execute(uri: "/api/templates/greeting/install", method: .post, headers: [.authorization: "Bearer \(reader)"],
                                     body: ByteBuffer(string: #"{"name": "nope", "params": {"who": "x"}}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/templates/broken/install", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"params": {"a": "x"}}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try Self.body(response)
                #expect(answer["error"]?["details"]?["diagnostics"]?.arrayValue?.first?.stringValue?.contains("[input-reference]") == true)
            }
            try await client.execute(uri: "/api/templates/ghost/install", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{}"#)) { #expect($0.status == .notFound) }
            #expect(await fixture.daemon.activeCommit == tip)
        }
    }
}
