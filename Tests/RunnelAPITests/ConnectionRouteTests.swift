import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// `GET /api/connections`, `POST /api/connections/{name}/test`, `GET /api/workflows/{id}/connections`
/// and `PATCH /api/workflows/{id}/change-connection`.
@Suite struct ConnectionRouteTests {
    static let settings = """
        connections:
          slack-prod: {type: slack, base_url: "https://slack.com/api", auth: {type: bearer, secret: SLACK_PROD_TOKEN}, allowed_hosts: [slack.com]}
          slack-test: {type: slack, base_url: "https://slack.com/api", auth: {type: bearer, secret: SLACK_TEST_TOKEN}}
          closed: {base_url: "http://127.0.0.1:1", probe: {url: ping}}
        """
    static let notify = """
        name: Notify
        connections:
          slack: slack-prod
        steps:
          - {id: post, type: http_request, config: {connection: slack, url: chat.postMessage, method: POST}}
          - {id: page, type: webhook, depends_on: [post], config: {connection: pager, url: "https://x.example.com"}}
        """

    @Test func listsTestsAndRebindsConnections() async throws {
        let fixture = try await APITests.Fixture(["runnel.yaml": Self.settings,
                                                  "workflows/notify.yaml": Self.notify.replacingOccurrences(of: "  - {id: page", with: "  # - {id: page")],
                                                 secrets: ["SLACK_PROD_TOKEN": "xoxb-value-never-shown"])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/connections", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(!text.contains("xoxb-value-never-shown"))
                let list = try APITests.json(response)["connections"]?.arrayValue ?? []
                #expect(list.compactMap { $0["name"]?.stringValue } == ["closed", "slack-prod", "slack-test"])
                #expect(list[1]["secrets_defined"] == true && list[1]["workflows"] == ["notify"] && list[1]["auth"] == "bearer")
                #expect(list[2]["secrets_defined"] == false && list[2]["workflows"] == [])
                #expect(list[1]["allowed_hosts"] == ["slack.com"] && list[2]["allowed_hosts"] == ["slack.com"])
            }
            try await client.execute(uri: "/api/connections/nope/test", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/connections/slack-prod/test", method: .post) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/connections/closed/test", method: .post) { response in
                #expect(response.status == .ok)
                let body = try APITests.json(response)
                #expect(body["ok"] == false && body["status"] == .null && body["url"] == "http://127.0.0.1:1/ping")
            }
            try await client.execute(uri: "/api/workflows/notify/connections", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["toolkits"] == [["toolkit": "slack", "required": true, "bound": true, "connection": "slack-prod",
                                               "declared": true, "secrets_defined": true]])
            }
            try await client.execute(uri: "/api/workflows/nope/connections", method: .get) { #expect($0.status == .notFound) }

            let change = { (body: String) in ByteBuffer(string: body) }
            try await client.execute(uri: "/api/workflows/notify/change-connection", method: .patch,
                                     body: change(#"{"toolkitSlug": "slack", "connectionId": "slack-staging"}"#)) { response in
                #expect(response.status == .notFound)
                let body = try APITests.json(response)
                #expect(body["error"]?["message"] == "connection 'slack-staging' is not declared in runnel.yaml's 'connections' (declared: closed, slack-prod, slack-test)")
            }
            try await client.execute(uri: "/api/workflows/notify/change-connection", method: .patch,
                                     body: change(#"{"toolkitSlug": "github", "connectionId": "slack-test"}"#)) { response in
                #expect(response.status == .badRequest)
                let body = try APITests.json(response)
                #expect(body["error"]?["message"] == "workflow 'notify' uses no toolkit 'github' (it uses: slack)")
            }
            try await client.execute(uri: "/api/workflows/notify/change-connection", method: .patch,
                                     body: change(#"{"toolkitSlug": "slack"}"#)) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/workflows/notify/change-connection", method: .patch,
                                     body: change(#"{"toolkitSlug": "slack", "connectionId": "slack-test"}"#)) { response in
                #expect(response.status == .ok)
                let body = try APITests.json(response)
                #expect(body["commit"]?.stringValue?.count == 40)
            }
            try await client.execute(uri: "/api/workflows/notify/connections", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["toolkits"]?.arrayValue?.first?["connection"] == "slack-test")
                #expect(body["toolkits"]?.arrayValue?.first?["secrets_defined"] == false)
            }
        }
        let text = try WriteTests.git(fixture.folder + "/repo", "show", "HEAD:workflows/notify.yaml")
        #expect(text.contains("connections:\n  slack: slack-test\nsteps:"), "\(text)")
        #expect(text.contains("# - {id: page"), "the rest of the file is kept, comments too")
        // The daemon reports the connection whose secret is undefined.
        #expect(fixture.daemon.snapshot.runtimeProblems.contains(
            "connection 'slack-test': its secret SLACK_TEST_TOKEN is not defined: requests through it fail until it is"))
    }

    @Test func validationReportsAnUnknownConnectionAndAnUnboundToolkit() async throws {
        let fixture = try await APITests.Fixture(["runnel.yaml": Self.settings])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let body = JSONValue.object(["definition": .string(Self.notify.replacingOccurrences(of: "slack: slack-prod", with: "slack: slack-prd"))])
            try await client.execute(uri: "/api/workflows/validate", method: .post, body: ByteBuffer(string: body.serialized())) { response in
                let answer = try APITests.json(response)
                #expect(answer["valid"] == false)
                let messages = answer["errors"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
                #expect(messages.contains("toolkit 'slack' is bound to connection 'slack-prd', which runnel.yaml does not declare; did you mean 'slack-prod'?"), "\(messages)")
                #expect(messages.contains("step 'page' uses toolkit 'pager', which the workflow's 'connections' does not bind"), "\(messages)")
            }
        }
    }
}
