import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS (RFC 3207) when asked, AUTH
/// PLAIN or LOGIN when credentials are given, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT.
struct SMTPClient: Sendable {
    var host: String
    var port: Int
    var username: String?
    var password: String?
    /// Upgrade the connection with STARTTLS before anything else (refused when not offered).
    var starttls = false
    /// A PEM file of certificates to trust besides the system's (a private CA).
    var caFile: String?
    /// The name given in EHLO.
    var clientName = "runnel"
    /// The longest a whole session may take.
    var timeout: Duration = .seconds(30)

    /// Sends `message` to its `to` addresses.
    /// - Throws: ``MailError`` with the server's answer, or the connection problem.
    func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await session(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw MailError("the SMTP session with \(host):\(port) took longer than \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func session(_ message: MailMessage) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailError("cannot connect to the SMTP server \(host):\(port): \(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func command(_ line: String, expect codes: Set<Int>) async throws -> SMTPReply {
                if !line.isEmpty { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let reply = try await replies.next()
                guard codes.contains(reply.code) else {
                    let shown = line.hasPrefix("AUTH") || replies.sentSecret ? "AUTH" : line
                    throw MailError("the SMTP server answered '\(shown)' with \(reply.code) \(reply.text)")
                }
                return reply
            }
            _ = try await command("", expect: [220])
            var greeting = try await command("EHLO \(clientName)", expect: [250])
            if starttls {
                guard greeting.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw MailError("the SMTP server \(host):\(port) does not offer STARTTLS")
                }
                _ = try await command("STARTTLS", expect: [220])
                guard replies.pending.isEmpty else { throw MailError("the SMTP server sent data before the TLS handshake") }
                try await channel.channel.pipeline.addHandler(try tlsHandler(), position: .first).get()
                greeting = try await command("EHLO \(clientName)", expect: [250])
            }
            if let username, let password {
                let mechanisms = greeting.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                replies.sentSecret = true
                if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
                    let plain = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                    _ = try await command("AUTH PLAIN \(plain)", expect: [235])
                } else {
                    _ = try await command("AUTH LOGIN", expect: [334])
                    _ = try await command(Data(username.utf8).base64EncodedString(), expect: [334])
                    _ = try await command(Data(password.utf8).base64EncodedString(), expect: [235])
                }
                replies.sentSecret = false
            }
            _ = try await command("MAIL FROM:<\(message.from)>", expect: [250])
            for recipient in message.to { _ = try await command("RCPT TO:<\(recipient)>", expect: [250, 251]) }
            _ = try await command("DATA", expect: [354])
            _ = try await command(message.rendered() + ".", expect: [250])
            _ = try? await command("QUIT", expect: [221])
        }
    }
}

extension SMTPClient {
    /// The TLS client: the system's trust roots (and `caFile`'s), the host name checked unless
    /// the host is an IP address (then only the certificate chain is).
    func tlsHandler() throws -> NIOSSLClientHandler {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
        }
        let isAddress = host.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" } && (host.contains(".") || host.contains(":"))
        if isAddress { configuration.certificateVerification = .noHostnameVerification }
        return try NIOSSLClientHandler(context: NIOSSLContext(configuration: configuration), serverHostname: isAddress ? nil : host)
    }
}

/// A reply of an SMTP server: its code and text lines.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: " ") }
}

/// Reads replies (`250-first`, `250 last`) from the bytes of a connection.
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []
    /// Set while credentials are on the wire, so an error message doesn't repeat them.
    var sentSecret = false

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    mutating func next() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw MailError("the SMTP server sent '\(line)', not a reply") }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return SMTPReply(code: code, lines: lines) }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let end = pending.firstIndex(of: 0x0A) {
                var line = Array(pending[..<end])
                pending.removeFirst(end + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard pending.count < 65_536, let buffer = try await iterator.next() else {
                throw MailError("the SMTP server closed the connection")
            }
            pending += buffer.readableBytesView
        }
    }
}

/// Mail could not be sent.
struct MailError: Error, CustomStringConvertible, Sendable {
    var description: String
    init(_ description: String) { self.description = description }
}
