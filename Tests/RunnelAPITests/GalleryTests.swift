import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// The community gallery: `publish`/`unpublish` as commits, `explore`, `community` and
/// `public/{id}` without a key through the allow-list, and `install`.
@Suite struct GalleryTests {
    /// A workflow full of what must never reach an anonymous answer; each marker is a `zq…` word.
    static let leaky = """
        name: Leaky report
        description: Builds the weekly report
        tags: [tag-zq0]
        inputs:
          region: {type: string, default: default-zq13, description: Which region}
        env: {TOKEN_ZQ8: value-zq9}
        connections: {chat: conn-zq3}
        on:
          webhook:
            - {id: hook-zq1, secret: SECRET_ZQ2}
          schedule:
            - {cron: "0 9 * * 1", inputs: {region: payload-zq14}}
        steps:
          - id: fetch
            name: Fetch data
            type: script
            config: {run: 'echo "said=output-zq11 $REGION" >> "$RUNNEL_OUTPUT"', env: {REGION: "${{ inputs.region }}"}}
          - id: gate
            type: approval
            depends_on: [fetch]
            config: {message: Ship it?, approvers: [approver-zq5@example.com]}
          - id: post
            type: http_request
            depends_on: [gate]
            config: {connection: chat, url: "https://zq6.example.com/hook?token=zq7"}
        outputs:
          said: ${{ steps.fetch.output.said }}
        """
    static let markers = ["zq0", "zq1", "SECRET_ZQ2", "zq3", "zq5", "zq6", "zq7", "ZQ8", "zq9", "zq11", "zq12", "zq13", "zq14",
                          "test@example.com", "author-zq10"]

    static func app(_ fixture: APITests.Fixture) throws -> (Application<RouterResponder<BasicRequestContext>>, String) {
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let writer = try keys.create(name: "author-zq10", scopes: [.write, .run])
        return (Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router()), writer)
    }

    @Test func nothingBeyondTheAllowListReachesAnAnonymousAnswer() async throws {
        let fixture = try await APITests.Fixture(["workflows/leaky.yaml": Self.leaky, "runnel.yaml": """
            connections:
              conn-zq3: {base_url: "https://zq6.example.com", auth: {type: bearer, secret: SECRET_ZQ2}}
            """])
        defer { fixture.remove() }
        let (app, key) = try Self.app(fixture)
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(key)"]
            try await client.execute(uri: "/api/workflows/leaky/publish", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"title": "Weekly report", "categories": ["featured", "reports"], "icon": "📈"}"#)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            // A run with a payload and outputs, so that there are some to leak.
            let run = try await fixture.daemon.engine.start(workflowID: "leaky", inputs: ["region": "payload-zq12"])
            while await fixture.daemon.store.record(run.id)?.status != .awaitingApproval { try await Task.sleep(for: .milliseconds(20)) }
            var answers: [String] = []
            let commit = fixture.daemon.activeCommit ?? ""
            for uri in ["/api/workflows/explore", "/api/workflows/community", "/api/workflows/community?category=reports&q=weekly",
                        "/api/workflows/public/leaky"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.eTag] == "\"\(commit)\"", "\(uri) has the ETag of the active commit")
                    answers.append(String(buffer: response.body) + response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n"))
                }
            }
            for (answer, marker) in answers.flatMap({ answer in Self.markers.map { (answer, $0) } }) {
                #expect(!answer.contains(marker), "an anonymous answer holds \(marker): \(answer)")
            }
            let view = try JSONParser.parse(answers[3].components(separatedBy: "\n").first ?? "")
            #expect(view["name"] == "Leaky report" && view["publish"]?["title"] == "Weekly report")
            #expect(view["triggers"] == ["schedule", "webhook"])
            #expect(view["steps"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["fetch", "gate", "post"])
            #expect(view["dag"]?["edges"] == [["fetch", "gate"], ["gate", "post"]])
            #expect(view["inputs"] == [["name": "region", "type": "string", "required": false, "enum": .null, "description": "Which region"]])
            _ = await fixture.daemon.engine.cancel(run.id)
        }
    }

    @Test func publishingListsFiltersInstallsAndUnpublishes() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet, "workflows/other.yaml": APITests.greet.replacingOccurrences(of: "Greet", with: "Other"),
                                                  "workflows/broken.yaml": "name: Broken\nsteps:\n  - {id: a, type: script, depends_on: [nope], config: {run: 'true'}}\n"])
        defer { fixture.remove() }
        let (app, key) = try Self.app(fixture)
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(key)"]
            func post(_ uri: String, _ body: String, headers: HTTPFields? = nil) async throws -> (HTTPResponse.Status, JSONValue) {
                try await client.execute(uri: uri, method: .post, headers: headers ?? auth, body: ByteBuffer(string: body)) { response in
                    (response.status, (try? APITests.json(response)) ?? .null)
                }
            }
            #expect(try await post("/api/workflows/greet/publish", #"{"categories": ["people"]}"#, headers: [:]).0 == .unauthorized)
            #expect(try await post("/api/workflows/greet/publish", #"{"categories": "people"}"#).0 == .badRequest)
            #expect(try await post("/api/workflows/nope/publish", "{}").0 == .notFound)
            let refused = try await post("/api/workflows/broken/publish", "{}")
            #expect(refused.0 == .unprocessableContent, "publishing an invalid workflow is refused: \(refused.1)")
            #expect(try await post("/api/workflows/greet/publish", #"{"title": "Say hello", "categories": ["people"]}"#).0 == .ok)
            #expect(try await post("/api/workflows/other/publish", #"{"categories": ["featured"]}"#).0 == .ok)
            let file = try WriteTests.git(fixture.folder + "/repo", "show", "HEAD:workflows/other.yaml")
            #expect(file.contains("publish:\n  categories: [featured]\nsteps:"), "\(file)")

            try await client.execute(uri: "/api/workflows/explore", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["workflows"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["other", "greet"], "featured first")
                #expect(body["limit"] == 25 && body["total"] == 2)
            }
            try await client.execute(uri: "/api/workflows/explore?limit=1&offset=1", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["workflows"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["greet"])
            }
            try await client.execute(uri: "/api/workflows/explore?limit=0", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/workflows/community?category=people&q=HELLO", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["workflows"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["greet"])
            }
            try await client.execute(uri: "/api/workflows/public/broken", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/workflows/greet", method: .get) { #expect($0.status == .unauthorized, "only the gallery is open") }

            #expect(try await post("/api/workflows/public/greet/install", #"{"name": "mine/hello"}"#, headers: [:]).0 == .unauthorized)
            #expect(try await post("/api/workflows/public/greet/install", "{}").0 == .badRequest)
            #expect(try await post("/api/workflows/public/broken/install", #"{"name": "x"}"#).0 == .notFound)
            let installed = try await post("/api/workflows/public/greet/install", #"{"name": "mine/hello"}"#)
            #expect(installed.0 == .created, "\(installed.1)")
            #expect(try await post("/api/workflows/public/greet/install", #"{"name": "mine/hello"}"#).0 == .conflict)
            #expect(try await post("/api/workflows/public/greet/install", #"{"name": "other"}"#).0 == .conflict)
            let copy = try WriteTests.git(fixture.folder + "/repo", "show", "HEAD:workflows/mine/hello.yaml")
            #expect(copy.contains("name: Greet") && !copy.contains("publish"), "the copy is not published: \(copy)")

            #expect(try await post("/api/workflows/greet/unpublish", "{}").0 == .ok)
            #expect(try await post("/api/workflows/greet/unpublish", "{}").0 == .conflict)
            try await client.execute(uri: "/api/workflows/public/greet", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
