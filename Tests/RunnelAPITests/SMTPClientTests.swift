import Foundation
import NIOSSL
@testable import RunnelDaemon
import RunnelTestSupport
import ServiceLifecycle
import Logging
import RunnelEngine
import Testing

/// The SMTP client against the local test server.
@Suite struct SMTPClientTests {
    /// How long a test's session may take: far past the client's 30 s default, because the
    /// whole suite shares two cores (the limit itself is tested with a closed server).
    static let sessionLimit: Duration = .seconds(120)
    @Test func sendsWithAuthLoginAndDotStuffing() async throws {
        let server = try await TestSMTPServer(mechanisms: "LOGIN")
        let client = SMTPClient(host: "127.0.0.1", port: server.port, username: "u", password: "p", timeout: Self.sessionLimit)
        let body = "first line\n.starts with a dot\n.\nlast"
        try await client.send(MailMessage(from: "a@example.com", to: ["b@example.com", "c@example.com"], subject: "Grüße\r\nBcc: x@y", body: body))
        let message = try #require(try await server.waitForMessages(1).first)
        await server.stop()
        #expect(message.authenticated == "u:p")
        #expect(message.recipients == ["b@example.com", "c@example.com"])
        // The header can't be split by a newline in the subject; non-ASCII is an encoded word.
        #expect(message.data.contains("Subject: =?utf-8?B?"))
        #expect(!message.data.contains("\nBcc:"))
        let text = try #require(message.data.components(separatedBy: "\n\n").dropFirst().first)
        #expect(message.data.hasSuffix(body))
        #expect(text == body)
    }

    @Test func aRefusalSaysWhatTheServerAnswered() async throws {
        let server = try await TestSMTPServer(failFirst: 1)
        let client = SMTPClient(host: "127.0.0.1", port: server.port, timeout: Self.sessionLimit)
        await #expect(throws: MailError.self) {
            try await client.send(MailMessage(from: "a@example.com", to: ["b@example.com"], subject: "s", body: "b"))
        }
        do {
            try await client.send(MailMessage(from: "a@example.com", to: ["b@example.com"], subject: "s", body: "b"))
        } catch {
            Issue.record("the second session should go through: \(error)")
        }
        await server.stop()
        let closed = SMTPClient(host: "127.0.0.1", port: server.port, timeout: .seconds(5))
        await #expect(throws: (any Error).self) {
            try await closed.send(MailMessage(from: "a@example.com", to: ["b@example.com"], subject: "s", body: "b"))
        }
    }
}

/// STARTTLS against the test server with a certificate made for 127.0.0.1.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs openssl to make a certificate"))
struct SMTPStartTLSTests {
    /// A self-signed certificate and key for 127.0.0.1 in a temporary folder.
    static func certificate() throws -> (folder: URL, cert: String, key: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                             "-subj", "/CN=runnel-test", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SMTPTestError(description: "openssl failed") }
        return (folder, cert, key)
    }

    @Test func credentialsAndTheMessageGoOverTLS() async throws {
        let (folder, cert, key) = try Self.certificate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }, privateKey: .file(key)))
        let server = try await TestSMTPServer(tls: tls)
        let message = MailMessage(from: "a@example.com", to: ["b@example.com"], subject: "s", body: "over TLS")
        try await SMTPClient(host: "127.0.0.1", port: server.port, username: "u", password: "p", starttls: true, caFile: cert, timeout: SMTPClientTests.sessionLimit).send(message)
        let received = try #require(try await server.waitForMessages(1).first)
        #expect(received.secure)
        #expect(received.authenticated == "u:p")
        #expect(received.data.hasSuffix("over TLS"))
        // Without the CA the certificate is not trusted: nothing is sent.
        await #expect(throws: (any Error).self) {
            try await SMTPClient(host: "127.0.0.1", port: server.port, username: "u", password: "p", starttls: true).send(message)
        }
        #expect(await server.messages.count == 1)
        await server.stop()
        // A server that doesn't offer STARTTLS gets nothing when TLS is asked for.
        let plain = try await TestSMTPServer()
        await #expect(throws: MailError.self) {
            try await SMTPClient(host: "127.0.0.1", port: plain.port, starttls: true, caFile: cert).send(message)
        }
        #expect(await plain.messages.isEmpty)
        await plain.stop()
    }
}

/// A mail that can't be delivered is retried, then reported.
@Suite struct ApprovalMailerTests {
    /// A mail given up after its retries is logged (error level, what and why in
    /// `runnel.problem`), through the notification service's one stream; a delivery asked for
    /// after the graceful shutdown began is logged too, not dropped silently.
    @Test func aMailGivenUpIsLogged() async throws {
        let gone = try await TestSMTPServer()
        let port = gone.port
        await gone.stop()
        let logs = LogCapture()
        let snapshots = SnapshotPublisher()
        var snapshot = WorkflowSnapshot()
        snapshot.settings = RepositorySettings.parse("smtp: {host: 127.0.0.1, port: \(port), from: runnel@example.com}\n").0
        snapshots.publish(snapshot)
        let service = NotificationService(snapshots: snapshots, secrets: EnvironmentSecretStore(environment: [:]), logger: logs.logger,
                                          backoff: [.milliseconds(10), .milliseconds(10)])
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        let wait = ApprovalWait(ApprovalRequest(runID: "r1", stepID: "approve"), workflowID: "deploy", startedBy: nil, now: Date())
        let links = ApprovalLinks(key: ApprovalKey(bytes: Array(repeating: 1, count: 32)), publicURL: "http://x")
        service.mail { $0.messages(wait, links: links, to: ["ops@example.com"]) }
        let given = await logs.wait { $0.message == DaemonLog.problem.rawValue }
        #expect(given?.level == .error)
        #expect(given?[LogKey.problem]?.hasPrefix("approval mail to ops@example.com was not sent after 3 attempts: cannot connect") == true,
                "\(String(describing: given))")
        await group.triggerGracefulShutdown()
        try await running.value
        service.mail { $0.messages(wait, links: links, to: ["late@example.com"]) }
        #expect(logs.entries(DaemonLog.problem.rawValue).contains { $0[LogKey.problem] == "a notification was not sent: the daemon is stopping" })
    }
}
