import Foundation

/// A plain-text mail: the headers and the body, rendered as SMTP's DATA wants it.
struct MailMessage: Sendable, Hashable {
    var from: String
    var to: [String]
    var subject: String
    var body: String

    /// The message as sent after DATA: CRLF line ends, dot-stuffed, without the final `.` line.
    func rendered(date: Date = Date(), messageID: String = UUID().uuidString) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let headers = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(Self.encodedHeader(subject))",
            "Date: \(Self.rfc5322(date))", "Message-ID: <\(messageID)@\(domain)>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "Auto-Submitted: auto-generated",
        ]
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let stuffed = lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + stuffed).joined(separator: "\r\n") + "\r\n"
    }

    /// A header value on one line; non-ASCII text as an RFC 2047 encoded word.
    static func encodedHeader(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if line.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return line }
        return "=?utf-8?B?" + Data(line.utf8).base64EncodedString() + "?="
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
