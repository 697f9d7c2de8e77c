import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelTestSupport
import Testing

/// A generated draft is sent for approval like an approval step: a `draft.generated`
/// notification with signed links, which approve (merge) or reject (delete) that version once.
@Suite struct DraftLinkTests {
    static let draft = """
        name: Nightly export
        steps:
          - {id: export, type: script, config: {run: "echo export"}}
        """

    @Test func aDraftsLinksApproveOrRejectThatVersionOnce() async throws {
        let inbox = SettingsTests.Inbox()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/notify") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            await inbox.add(request.headers.first { $0.name.canonicalName == "x-runnel-event" }?.value ?? "", "", String(buffer: body))
            return Response(status: .ok)
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                               onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await hook.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let model = try await ModelServer.start([Self.draft])
        defer { model.stop() }
        let settings = "providers:\n  default: {base_url: \"\(model.baseURL)\", model: test-model}\n"
            + "notify:\n  - {url: \"http://127.0.0.1:\(port)/notify\", events: [draft.generated]}\n"
        let fixture = try await APITests.Fixture(["runnel.yaml": settings, "workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router())

        func links(for id: String) async throws -> (approve: String, reject: String) {
            for _ in 0..<300 {
                if let body = await inbox.received.last(where: { $0.body.contains(#""id":"\#(id)""#) })?.body,
                   let json = try? JSONParser.parse(body),
                   let approve = json["links"]?["approve"]?.stringValue, let reject = json["links"]?["reject"]?.stringValue {
                    #expect(json["type"] == "draft.generated")
                    #expect(json["draft"]?["plan"]?["steps"]?.arrayValue?.first?["id"] == "export")
                    return (approve, reject)
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw DraftLinkFailure(description: "no draft.generated notification for \(id)")
        }
        /// The path and query of a link (the test client talks to the router directly).
        @Sendable func local(_ link: String) -> String { link.range(of: "/api/").map { String(link[$0.lowerBound...]) } ?? link }

        _ = try await fixture.daemon.drafts.generateWorkflow(goal: "Export every night", schedule: nil, name: "export", author: "ada")
        let first = try await links(for: "export")
        _ = try await fixture.daemon.drafts.generateWorkflow(goal: "Another export", schedule: nil, name: "other", author: "ada")
        let second = try await links(for: "other")

        try await app.test(.router) { client in
            // A link-preview bot decides nothing; a browser gets a confirmation form.
            try await client.execute(uri: local(first.approve), method: .get, headers: [.userAgent: "Slackbot-LinkExpanding 1.0"]) { #expect($0.status == .ok) }
            try await client.execute(uri: local(first.approve), method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Approve and activate"))
            }
            #expect(await fixture.daemon.workflows["export"] == nil)

            // The action must match the token; a forged token is refused.
            let mismatched = local(first.approve).replacingOccurrences(of: "action=approve", with: "action=reject")
            try await client.execute(uri: mismatched, method: .get, headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/approvals/resume?token=abc.def&action=approve", method: .get,
                                     headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }

            // Approving merges the draft, active at once, authored as the link.
            try await client.execute(uri: local(first.approve), method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .ok)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["status"] == "approved")
            }
            #expect(await fixture.daemon.workflows["export"]?.isRunnable == true)
            #expect(try WriteTests.git(fixture.folder + "/repo", "log", "-1", "--format=%an") == "link\n")
            // Once only.
            try await client.execute(uri: local(first.approve), method: .get, headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }
            try await client.execute(uri: local(first.reject), method: .get, headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }

            // Rejecting deletes the other draft's branch; its approve link is then refused.
            try await client.execute(uri: local(second.reject), method: .post, headers: [.accept: "application/json"]) { #expect($0.status == .ok) }
            #expect(try WriteTests.git(fixture.folder + "/repo", "branch", "--list", "drafts/other") == "")
            try await client.execute(uri: local(second.approve), method: .get, headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }
            #expect(await fixture.daemon.workflows["other"] == nil)
        }
    }
}

struct DraftLinkFailure: Error, CustomStringConvertible {
    var description: String
}
