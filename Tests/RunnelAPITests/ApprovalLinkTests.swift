import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// Approval links end to end: a run waits, the daemon mails links through a local SMTP
/// server, and following a link (a real HTTP request to a live server) decides the run.
@Suite struct ApprovalLinkTests {
    static func settings(smtpPort: Int) -> String {
        """
        smtp: {host: 127.0.0.1, port: \(smtpPort), from: runnel@example.com, username_secret: SMTP_USER, password_secret: SMTP_PASS}
        approvals:
          email: [ops@example.com]
        """
    }

    static let deploy = """
        name: Deploy
        steps:
          - id: approve
            type: approval
            config:
              message: "Ship ${{ inputs.version }} to production?"
              notify: {email: [alice@example.com]}
          - {id: ship, type: script, depends_on: [approve], config: {run: 'echo "shipped=yes" >> "$RUNNEL_OUTPUT"'}}
        inputs:
          version: {type: string, default: "2.0"}
        outputs:
          shipped: ${{ steps.ship.output.shipped }}
        """

    /// The path and query of the link after `label` (`Approve:`) in a mail.
    static func link(_ label: String, in message: TestSMTPServer.Message) throws -> String {
        let line = try #require(message.data.split(separator: "\n").first { $0.hasPrefix(label) })
        let url = try #require(line.split(separator: " ").last.map(String.init))
        let base = "http://127.0.0.1:8080"
        #expect(url.hasPrefix(base + "/api/approvals/resume?token="))
        return String(url.dropFirst(base.count))
    }

    static func json(_ response: TestResponse) throws -> JSONValue { try JSONParser.parse(String(buffer: response.body)) }

    static let browser: HTTPFields = [.userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", .accept: "text/html,application/xhtml+xml,*/*;q=0.8"]

    @Test func aMailedLinkApprovesTheRunAndBotsDecideNothing() async throws {
        let smtp = try await TestSMTPServer(failFirst: 1)
        let fixture = try await APITests.Fixture(["workflows/deploy.yaml": Self.deploy, "runnel.yaml": Self.settings(smtpPort: smtp.port)],
                                                 secrets: ["SMTP_USER": "mailer", "SMTP_PASS": "s3cret"])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router(),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let runID = try await client.execute(uri: "/api/workflows/deploy/run", method: .post, body: ByteBuffer(string: "{}")) { response in
                try Self.json(response)["run_id"]?.stringValue ?? ""
            }
            // The first session is refused (451): the mailer retries.
            let messages = try await smtp.waitForMessages(2)
            await smtp.stop()
            #expect(Set(messages.flatMap(\.recipients)) == ["alice@example.com", "ops@example.com"])
            let mail = try #require(messages.first { $0.recipients == ["alice@example.com"] })
            #expect(mail.authenticated == "mailer:s3cret")
            #expect(mail.from == "runnel@example.com")
            #expect(mail.data.contains("Subject: Approval needed: deploy / approve"))
            #expect(mail.data.contains("Ship 2.0 to production?"))
            let approve = try Self.link("Approve:", in: mail)
            let reject = try Self.link("Reject:", in: mail)

            // HEAD, preview bots and prefetches: 200, nothing decided.
            try await client.execute(uri: approve, method: .head) { #expect($0.status == .ok) }
            for agent in ["Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Mozilla/5.0 (compatible; Discordbot/2.0)",
                          "facebookexternalhit/1.1", "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0)"] {
                try await client.execute(uri: approve, method: .get, headers: [.userAgent: agent]) { response in
                    #expect(response.status == .ok)
                    #expect(!String(buffer: response.body).contains("<form"))
                }
            }
            var prefetch = Self.browser
            prefetch[.init("Sec-Purpose")!] = "prefetch"
            try await client.execute(uri: approve, method: .get, headers: prefetch) { #expect($0.status == .ok) }
            try await client.execute(uri: approve, method: .post, headers: [.userAgent: "Twitterbot/1.0"]) { #expect($0.status == .ok) }
            // A browser gets a confirmation page whose form posts: still nothing decided.
            try await client.execute(uri: approve, method: .get, headers: Self.browser) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains(#"<form method="post" action="/api/approvals/resume">"#))
                #expect(page.contains("alice@example.com"))
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            let wait = try #require(await fixture.daemon.engine.waitingApproval(runID: runID, stepID: "approve"))
            #expect(wait.decisions.isEmpty)
            #expect(await fixture.daemon.store.record(runID)?.status == .awaitingApproval)

            // The approve link with the reject action is refused.
            let swapped = approve.replacingOccurrences(of: "action=approve", with: "action=reject")
            try await client.execute(uri: swapped, method: .get, headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }

            // The form's POST applies it.
            let query = try #require(URLComponents(string: approve)?.queryItems)
            let token = try #require(query.first { $0.name == "token" }?.value)
            let form = "token=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&action=approve&note=looks+good"
            try await client.execute(uri: "/api/approvals/resume", method: .post,
                                     headers: Self.browser.merging([.contentType: "application/x-www-form-urlencoded"]),
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Approved."))
                #expect(String(buffer: response.body).contains(#"<a href="/dashboard/runs/\#(runID)">"#), "the success page leads to the run's page")
            }
            let record = try #require(await fixture.daemon.engine.wait(runID))
            #expect(record.status == .completed)
            #expect(record.outputs?["shipped"] == "yes")
            #expect(record.stepRun("approve")?.output?["by"] == "alice@example.com")
            #expect(record.stepRun("approve")?.output?["note"] == "looks good")
            // Used, and the step no longer waits: both links are dead.
            try await client.execute(uri: approve, method: .get, headers: [.accept: "application/json"]) { #expect($0.status == .forbidden) }
            try await client.execute(uri: reject, method: .get, headers: Self.browser) { #expect($0.status == .forbidden) }
        }
    }

    @Test func forgedExpiredReusedAndMismatchedTokensAreRefused() async throws {
        let flow = """
            name: Two
            steps:
              - {id: approve, type: approval, config: {approvers: [alice@example.com, bob@example.com], required: 2}}
            """
        let fixture = try await APITests.Fixture(["workflows/two.yaml": flow])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router(),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let run = try await fixture.daemon.launcher.startRun(workflowID: "two", inputs: [:])
        var wait: ApprovalWait?
        for _ in 0..<1000 where wait == nil {
            wait = await fixture.daemon.engine.waitingApproval(runID: run.id, stepID: "approve")
            try await Task.sleep(for: .milliseconds(5))
        }
        let open = try #require(wait)
        let key = try await fixture.daemon.approvals.approvalKey()
        let links = try await fixture.daemon.approvals.approvalLinks()
        let path: @Sendable (String) -> String = { String($0.dropFirst("http://127.0.0.1:8080".count)) }
        let signed: @Sendable (ApprovalToken) -> String = { "/api/approvals/resume?token=\(key.sign($0))&action=\($0.action.rawValue)" }
        let soon = Date().addingTimeInterval(600)
        try await app.test(.live) { client in
            let json: HTTPFields = [.accept: "application/json"]
            func refused(_ uri: String, _ reason: String) async throws {
                try await client.execute(uri: uri, method: .get, headers: json) { response in
                    #expect(response.status == .forbidden, "\(reason)")
                    let body = try Self.json(response)
                    #expect(body["error"]?["message"]?.stringValue?.isEmpty == false)
                }
            }
            let alice = path(links.link(.approve, for: open, approver: "alice@example.com"))
            try await refused(alice.replacingOccurrences(of: "token=", with: "token=x"), "forged")
            let other = ApprovalKey(bytes: Array(repeating: 3, count: 32))
            let foreign = ApprovalToken(runID: run.id, stepID: "approve", action: .approve, approver: "alice@example.com", expiresAt: soon)
            try await refused("/api/approvals/resume?token=\(other.sign(foreign))&action=approve", "signed by another key")
            try await refused(signed(ApprovalToken(runID: run.id, stepID: "approve", action: .approve, approver: "bob@example.com",
                                                   expiresAt: Date().addingTimeInterval(-5))), "expired")
            try await refused(signed(ApprovalToken(runID: run.id, stepID: "other", action: .approve, approver: "bob@example.com", expiresAt: soon)),
                              "another step")
            try await refused(signed(ApprovalToken(runID: "nope", stepID: "approve", action: .approve, approver: "bob@example.com", expiresAt: soon)),
                              "another run")
            try await refused(signed(ApprovalToken(runID: run.id, stepID: "approve", action: .approve, approver: "mallory@example.com",
                                                   expiresAt: soon)), "not an approver")
            try await refused(alice.replacingOccurrences(of: "action=approve", with: "action=reject"), "action differs")
            try await refused("/api/approvals/resume?action=approve", "no token")
            #expect(await fixture.daemon.engine.waitingApproval(runID: run.id, stepID: "approve")?.decisions.isEmpty == true)

            // Alice's link works once: the second use is refused while the step still waits for Bob.
            try await client.execute(uri: alice, method: .get, headers: json) { response in
                #expect(response.status == .ok)
                let decoded = try Self.json(response)
                #expect(decoded["status"] == "waiting")
                #expect(decoded["remaining"] == 1)
            }
            try await refused(alice, "reused")
            try await refused(path(links.link(.approve, for: open, approver: "alice@example.com")), "a second link for the same person")
            #expect(await fixture.daemon.store.record(run.id)?.status == .awaitingApproval)
            try await client.execute(uri: path(links.link(.approve, for: open, approver: "bob@example.com")) + "&note=fine", method: .get,
                                     headers: json) { response in
                let decoded = try Self.json(response)
                #expect(decoded["status"] == "approved")
            }
        }
        #expect(await fixture.daemon.engine.wait(run.id)?.status == .completed)
    }
}

/// A link of an approval that asks for data: the page has a field for it, and the form's
/// JSON reaches the decision.
@Suite struct ApprovalLinkInputTests {
    @Test func theConfirmationFormCarriesTheInput() async throws {
        let flow = """
            name: Ticket
            steps:
              - id: approve
                type: approval
                config:
                  input_schema: {type: object, required: [ticket], properties: {ticket: {type: string}}}
            outputs:
              ticket: ${{ steps.approve.output.input.ticket }}
            """
        let fixture = try await APITests.Fixture(["workflows/ticket.yaml": flow])
        defer { fixture.remove() }
        let run = try await fixture.daemon.launcher.startRun(workflowID: "ticket", inputs: [:])
        var wait: ApprovalWait?
        for _ in 0..<1000 where wait == nil {
            wait = await fixture.daemon.engine.waitingApproval(runID: run.id, stepID: "approve")
            try await Task.sleep(for: .milliseconds(5))
        }
        let link = try await fixture.daemon.approvals.approvalLinks().link(.approve, for: try #require(wait), approver: nil)
        let uri = String(link.dropFirst("http://127.0.0.1:8080".count))
        let token = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "token" }?.value)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"]) { response in
                #expect(String(buffer: response.body).contains(#"name="input""#))
            }
            let form = "token=\(token)&action=approve&input=" + (#"{"ticket": "T-42"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            try await client.execute(uri: "/api/approvals/resume", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { #expect($0.status == .ok) }
        }
        let record = try #require(await fixture.daemon.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.outputs?["ticket"] == "T-42")
    }
}
