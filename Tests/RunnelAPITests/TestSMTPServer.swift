import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A tiny SMTP server on 127.0.0.1 for tests: answers EHLO (offering AUTH PLAIN LOGIN), AUTH,
/// MAIL, RCPT, DATA and QUIT, and keeps each message it receives (undoing dot-stuffing).
/// `failFirst` sessions are refused with 451 at MAIL, to exercise retries; `mechanisms` are
/// the AUTH mechanisms offered.
final class TestSMTPServer: Sendable {
    struct Message: Sendable {
        var from: String
        var recipients: [String]
        var data: String
        var authenticated: String?
        /// Whether the message came over TLS (after STARTTLS).
        var secure = false
    }

    actor Inbox {
        var messages: [Message] = []
        var failuresLeft: Int
        init(failFirst: Int) { failuresLeft = failFirst }
        func add(_ message: Message) { messages.append(message) }
        func shouldFail() -> Bool {
            guard failuresLeft > 0 else { return false }
            failuresLeft -= 1
            return true
        }
    }

    let inbox: Inbox
    let port: Int
    private let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let task: Task<Void, Never>

    /// With `tls`, EHLO offers STARTTLS and the upgrade uses it.
    init(failFirst: Int = 0, mechanisms: String = "PLAIN LOGIN", tls: NIOSSLContext? = nil) async throws {
        let inbox = Inbox(failFirst: failFirst)
        self.inbox = inbox
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child) }
            }
        port = channel.channel.localAddress?.port ?? 0
        let server = channel
        task = Task {
            try? await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            group.addTask { await Self.serve(connection, inbox, mechanisms, tls) }
                        }
                    } catch {}
                }
            }
        }
    }

    /// Messages received so far.
    var messages: [Message] { get async { await inbox.messages } }

    /// Waits until `count` messages arrived.
    func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [Message] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let messages = await inbox.messages
            if messages.count >= count { return messages }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SMTPTestError(description: "only \(await inbox.messages.count) of \(count) messages arrived")
    }

    func stop() async {
        try? await channel.channel.close()
        task.cancel()
    }

    private static func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ inbox: Inbox, _ mechanisms: String,
                              _ tls: NIOSSLContext?) async {
        try? await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            try await say("220 test ESMTP")
            var pending: [UInt8] = []
            var from = ""
            var recipients: [String] = []
            var authenticated: String?
            var inData = false
            var data: [String] = []
            var authLogin: [String]?
            var secure = false
            for try await buffer in inbound {
                pending += buffer.readableBytesView
                while let end = pending.firstIndex(of: 0x0A) {
                    var bytes = Array(pending[..<end])
                    pending.removeFirst(end + 1)
                    if bytes.last == 0x0D { bytes.removeLast() }
                    let line = String(decoding: bytes, as: UTF8.self)
                    if inData {
                        if line == "." {
                            inData = false
                            await inbox.add(Message(from: from, recipients: recipients, data: data.joined(separator: "\n"), authenticated: authenticated,
                                                    secure: secure))
                            try await say("250 queued")
                        } else {
                            data.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                        }
                        continue
                    }
                    if var steps = authLogin {
                        steps.append(String(decoding: Data(base64Encoded: line) ?? Data(), as: UTF8.self))
                        if steps.count == 2 {
                            authenticated = steps.joined(separator: ":")
                            authLogin = nil
                            try await say("235 ok")
                        } else {
                            authLogin = steps
                            try await say("334 UGFzc3dvcmQ6")
                        }
                        continue
                    }
                    let upper = line.uppercased()
                    if upper.hasPrefix("EHLO") {
                        try await say("250-test")
                        if tls != nil, !secure { try await say("250-STARTTLS") }
                        try await say("250 AUTH \(mechanisms)")
                    } else if upper == "STARTTLS", let tls, !secure {
                        // The reply goes out in clear, and TLS is in place before the next byte is read.
                        let channel = connection.channel
                        try await channel.eventLoop.flatSubmit {
                            channel.writeAndFlush(ByteBuffer(string: "220 ready for TLS\r\n")).flatMapThrowing {
                                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                            }
                        }.get()
                        secure = true
                    } else if upper.hasPrefix("AUTH PLAIN ") {
                        let decoded = Data(base64Encoded: String(line.dropFirst(11))).map { Array($0) } ?? []
                        authenticated = decoded.split(separator: 0, omittingEmptySubsequences: false).dropFirst()
                            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: ":")
                        try await say("235 ok")
                    } else if upper == "AUTH LOGIN" {
                        authLogin = []
                        try await say("334 VXNlcm5hbWU6")
                    } else if upper.hasPrefix("MAIL FROM:") {
                        if await inbox.shouldFail() {
                            try await say("451 try again later")
                        } else {
                            from = String(line.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                            recipients = []
                            try await say("250 ok")
                        }
                    } else if upper.hasPrefix("RCPT TO:") {
                        recipients.append(String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
                        try await say("250 ok")
                    } else if upper == "DATA" {
                        inData = true
                        data = []
                        try await say("354 go ahead")
                    } else if upper == "QUIT" {
                        try await say("221 bye")
                        return
                    } else {
                        try await say("500 unknown command")
                    }
                }
            }
        }
    }
}

struct SMTPTestError: Error, CustomStringConvertible {
    var description: String
}
