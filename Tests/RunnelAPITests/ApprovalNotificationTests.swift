import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// The run.awaiting_approval webhook carries links; a link sent before a restart still
/// decides the run that the restarted daemon picked up; `runnel.yaml`'s mail settings.
@Suite struct ApprovalNotificationTests {
    actor Inbox {
        var bodies: [String] = []
        func add(_ body: String) { bodies.append(body) }
    }

    static let gate = """
        name: Gate
        steps:
          - {id: approve, type: approval, config: {message: Go?, approvers: [alice, bob]}}
          - {id: after, type: script, depends_on: [approve], config: {run: "true"}}
        """

    @Test func theWebhookCarriesApproverLinksThatSurviveARestart() async throws {
        let inbox = Inbox()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/notify") { request, _ in
            await inbox.add(String(buffer: try await request.body.collect(upTo: 1 << 20)))
            return Response(status: .ok)
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                   onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await receiver.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let settings = "notify:\n  - {url: \"http://127.0.0.1:\(port)/notify\", events: [run.awaiting_approval]}\n"
        let fixture = try await APITests.Fixture(["runnel.yaml": settings, "workflows/gate.yaml": Self.gate])
        defer { fixture.remove() }
        let run = try await fixture.daemon.launcher.startRun(workflowID: "gate", inputs: [:])
        var bodies: [String] = []
        for _ in 0..<500 where bodies.isEmpty {
            bodies = await inbox.bodies
            try await Task.sleep(for: .milliseconds(10))
        }
        let body = try JSONParser.parse(try #require(bodies.first))
        #expect(body["type"] == "run.awaiting_approval")
        #expect(body["approval"]?["step_id"] == "approve")
        #expect(body["approval"]?["message"] == "Go?")
        #expect(body["approval"]?["links"] == nil)
        let bobLink = try #require(body["approval"]?["approver_links"]?["bob"]?["approve"]?.stringValue)
        #expect(body["approval"]?["approver_links"]?["alice"]?["reject"]?.stringValue?.contains("action=reject") == true)
        #expect(FileManager.default.fileExists(atPath: fixture.folder + "/state/approval-key"))

        // The daemon restarts (a second one over the same repository and state): the run waits again.
        let restarted = try DaemonServices(DaemonConfiguration(repository: fixture.folder + "/repo", state: fixture.folder + "/state"),
                                   secrets: EnvironmentSecretStore(environment: [:]))
        let followers = APITests.Fixture.follow(restarted)
        defer { followers.cancel() }
        _ = try await restarted.start()
        var wait: ApprovalWait?
        for _ in 0..<500 where wait == nil {
            wait = await restarted.engine.waitingApproval(runID: run.id, stepID: "approve")
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(wait?.request.approvers == ["alice", "bob"])
        // Not notified again.
        try await Task.sleep(for: .milliseconds(200))
        #expect(await inbox.bodies.count == 1)
        let app = Application(router: APIRoutes(daemon: restarted, keys: nil).router())
        let path = String(bobLink.dropFirst("http://127.0.0.1:8080".count))
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .ok)
                let decoded = try JSONParser.parse(String(buffer: response.body))
                #expect(decoded["status"] == "approved")
            }
        }
        let record = try #require(await restarted.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.stepRun("approve")?.output?["by"] == "bob")
    }

    @Test func mailSettingsAreReadAndCheckedInRunnelYAML() {
        let (settings, problems) = RepositorySettings.parse("""
            smtp: {host: mail.example.com, port: 587, from: runnel@example.com, username_secret: U, password_secret: P, starttls: true, ca_file: /etc/ca.pem}
            approvals:
              email: [ops@example.com, sec@example.com]
            """)
        #expect(problems.isEmpty)
        #expect(settings.smtp?.host == "mail.example.com")
        #expect(settings.smtp?.port == 587)
        #expect(settings.smtp?.from == "runnel@example.com")
        #expect(settings.smtp?.usernameSecret == "U" && settings.smtp?.passwordSecret == "P")
        #expect(settings.smtp?.starttls == true)
        #expect(settings.smtp?.caFile == "/etc/ca.pem")
        #expect(settings.approvalEmails == ["ops@example.com", "sec@example.com"])
        let (_, bad) = RepositorySettings.parse("""
            smtp: {host: mail.example.com, port: 70000, from: runnel}
            approvals: {email: [nobody]}
            """)
        #expect(bad == ["runnel.yaml:1:7: 'smtp' needs a 'from' email address", "runnel.yaml:2:21: 'approvals.email' needs email addresses"])
        let (_, port) = RepositorySettings.parse("smtp: {host: h, port: 70000, from: a@b.c, tls: yes}\n")
        #expect(port == ["runnel.yaml:1:7: unknown key 'tls' in 'smtp' (expected: host, port, from, username_secret, password_secret, starttls, ca_file)",
                         "runnel.yaml:1:7: 'smtp.port' must be a port number (1-65535)"])
    }
}
