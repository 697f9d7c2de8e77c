import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelTestSupport
import Testing

/// Generated workflows: the model's answer is validated and repaired, committed as a draft
/// on its own branch, and active only once approved.
@Suite struct GenerationTests {
    /// The model's first answer: an invalid workflow (a dependency on a step that isn't there).
    static let invalid = """
        name: Daily report
        status: active
        steps:
          - id: fetch
            type: http_request
            config: {url: "https://reports.example.com/today.json"}
          - id: post
            type: webhook
            depends_on: [fetsh]
            config: {url: "https://hooks.example.com/reports", body: {report: "${{ steps.fetch.output.body }}"}}
        """
    /// Its repair, fenced, still saying `status: active`, without the asked-for schedule.
    static let repaired = """
        Here is the corrected workflow:
        ```yaml
        name: Daily report
        status: active
        steps:
          - id: fetch
            type: http_request
            config: {url: "https://reports.example.com/today.json"}
          - id: post
            type: webhook
            depends_on: [fetch]
            config: {url: "https://hooks.example.com/reports", body: {report: "${{ steps.fetch.output.body }}"}}
        ```
        """
    static let regenerated = """
        name: Daily report
        status: draft
        on:
          schedule:
            - cron: "0 9 * * 1-5"
        steps:
          - id: fetch
            type: http_request
            config: {url: "https://reports.example.com/today.json"}
          - id: archive
            type: webhook
            depends_on: [fetch]
            config: {url: "https://archive.example.com/reports", body: {report: "${{ steps.fetch.output.body }}"}}
        """

    static func body(_ response: TestResponse) throws -> JSONValue { try JSONParser.parse(String(buffer: response.body)) }

    static func fixture(_ model: ModelServer?) async throws -> APITests.Fixture {
        var files = ["workflows/greet.yaml": APITests.greet]
        if let model { files["runnel.yaml"] = "providers:\n  default: {base_url: \"\(model.baseURL)\", model: test-model}\n" }
        return try await APITests.Fixture(files)
    }

    @Test func aDraftIsRepairedCommittedOnItsBranchAndActiveOnlyOnceApproved() async throws {
        let model = try await ModelServer.start([Self.invalid, Self.repaired, Self.regenerated])
        defer { model.stop() }
        let fixture = try await Self.fixture(model)
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let writer = try keys.create(name: "ada", scopes: [.write])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let auth: HTTPFields = [.authorization: "Bearer \(writer)"]
        let repo = fixture.folder + "/repo"
        let start = try #require(await fixture.daemon.activeCommit)
        try await app.test(.router) { client in
            let request = #"{"goal": "Fetch the daily report and post it", "schedule": "0 9 * * 1-5", "name": "reports/daily"}"#
            let draftCommit = try await client.execute(uri: "/api/workflows/generate", method: .post, headers: auth, body: ByteBuffer(string: request)) { response in
                #expect(response.status == .created)
                let body = try Self.body(response)
                #expect(body["id"] == "reports/daily")
                #expect(body["branch"] == "drafts/reports-daily")
                #expect(body["turns"] == 2)
                let repair = body["repairs"]?.arrayValue?.first?.arrayValue?.first?.stringValue ?? ""
                #expect(repair.hasPrefix("workflows/reports/daily.yaml:12:18: error: Step 'post' depends on 'fetsh'"), "\(repair)")
                #expect(repair.contains("[depends-on]"))
                let yaml = body["yaml"]?.stringValue ?? ""
                #expect(yaml.contains("status: draft\n"))
                #expect(!yaml.contains("status: active"))
                #expect(yaml.contains("cron: 0 9 * * 1-5"), "the asked-for schedule is added: \(yaml)")
                #expect(body["plan"]?["steps"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["fetch", "post"])
                #expect(body["plan"]?["triggers"] == ["schedule 0 9 * * 1-5"])
                return body["commit"]?.stringValue ?? ""
            }
            // The model saw the format, then the diagnostics of its first answer.
            let first = await model.messages(of: 0)
            #expect(first.first?.contains("Step types and their config keys") == true)
            #expect(first.first?.contains("- greet: Greet; inputs: who: string (required)") == true)
            let second = await model.messages(of: 1)
            #expect(second.last?.contains("workflows/reports/daily.yaml:12:18: error: Step 'post' depends on 'fetsh'") == true)
            #expect(second.last?.contains("status: draft\n") == true, "the file as checked is sent with the diagnostics")

            // Nothing changed on the watched branch: the draft is not a workflow yet.
            #expect(await fixture.daemon.activeCommit == start)
            #expect(await fixture.daemon.workflows["reports/daily"] == nil)
            #expect(try WriteTests.git(repo, "rev-parse", "drafts/reports-daily") == draftCommit + "\n")
            #expect(try WriteTests.git(repo, "log", "-1", "--format=%an|%s", draftCommit) == "ada|Draft reports/daily: Fetch the daily report and post it\n")
            #expect(try WriteTests.git(repo, "rev-parse", "\(draftCommit)~1") == start + "\n")

            // Regenerating the steps is a new commit on the same branch.
            try await client.execute(uri: "/api/workflows/reports%2Fdaily/regenerate-steps", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"reason": "archive the report instead of posting it"}"#)) { response in
                #expect(response.status == .created)
                let body = try Self.body(response)
                #expect(body["plan"]?["steps"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["fetch", "archive"])
                #expect(try WriteTests.git(repo, "rev-parse", "drafts/reports-daily~1") == draftCommit + "\n")
            }
            #expect(await model.messages(of: 2).last?.contains("archive the report instead of posting it") == true)
            #expect(await model.messages(of: 2).last?.contains("depends_on: [fetch]") == true, "the current draft is sent")

            // Approval merges the draft with status active: active at once, schedule registered.
            let merged = try await client.execute(uri: "/api/workflows/reports%2Fdaily/approve", method: .post, headers: auth) { response in
                #expect(response.status == .ok)
                let body = try Self.body(response)
                #expect(body["status"] == "active")
                return body["commit"]?.stringValue ?? ""
            }
            #expect(await fixture.daemon.activeCommit == merged)
            #expect(await fixture.daemon.workflows["reports/daily"]?.isRunnable == true)
            #expect(await fixture.daemon.scheduler.scheduleCount == 1)
            let parents = try WriteTests.git(repo, "rev-list", "--parents", "-n", "1", merged).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let draftTip = try WriteTests.git(repo, "rev-parse", "drafts/reports-daily").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(parents == [merged, start, draftTip])
            #expect(try WriteTests.git(repo, "show", "\(merged):workflows/reports/daily.yaml").contains("status: active\n"))
            #expect(try WriteTests.git(repo, "log", "-1", "--format=%an|%s", merged) == "ada|Approve draft reports/daily\n")

            // Approving again: the workflow exists. A draft that isn't there: 404.
            try await client.execute(uri: "/api/workflows/reports%2Fdaily/approve", method: .post, headers: auth) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/workflows/ghost/approve", method: .post, headers: auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/workflows/generate", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"goal": "x", "name": "greet"}"#)) { #expect($0.status == .conflict) }
        }
        #expect(try WriteTests.git(repo, "fsck", "--strict").isEmpty)
    }

    @Test func aModelThatNeverGetsItRightCommitsNothing() async throws {
        let model = try await ModelServer.start([Self.invalid])
        defer { model.stop() }
        let fixture = try await Self.fixture(model)
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/workflows/generate", method: .post,
                                     body: ByteBuffer(string: #"{"goal": "Post the report", "name": "report"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let error = try Self.body(response)["error"]
                #expect(error?["code"] == "invalid_definition")
                #expect(error?["details"]?["diagnostics"]?.arrayValue?.isEmpty == false)
            }
        }
        #expect(await model.requests.count == 4, "one answer and three repairs")
        #expect(try WriteTests.git(fixture.folder + "/repo", "branch", "--list", "drafts/*").isEmpty)
    }

    @Test func withoutAProviderGenerationFailsClearly() async throws {
        let fixture = try await Self.fixture(nil)
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/workflows/generate", method: .post, body: ByteBuffer(string: #"{"goal": "anything"}"#)) { response in
                #expect(response.status == .badGateway)
                let answer = try Self.body(response)
                #expect(answer["error"]?["message"]?.stringValue?.contains("no model provider configured") == true)
            }
            try await client.execute(uri: "/api/workflows/generate", method: .post, body: ByteBuffer(string: #"{}"#)) { #expect($0.status == .badRequest) }
        }
    }
}
