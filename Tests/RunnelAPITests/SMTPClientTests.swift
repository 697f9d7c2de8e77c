import Foundation
@testable import RunnelDaemon
import Testing

/// The SMTP client against the local test server.
@Suite struct SMTPClientTests {
    @Test func sendsWithAuthLoginAndDotStuffing() async throws {
        let server = try await TestSMTPServer(mechanisms: "LOGIN")
        let client = SMTPClient(host: "127.0.0.1", port: server.port, username: "u", password: "p")
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
        let client = SMTPClient(host: "127.0.0.1", port: server.port)
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
