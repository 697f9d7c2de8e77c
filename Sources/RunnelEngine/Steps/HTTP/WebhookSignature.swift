import Crypto
import Foundation

/// The `sha256=<hex HMAC-SHA256 of the raw body>` signatures of webhooks: made for outbound
/// `webhook` steps and notifications, checked in constant time on inbound hooks
/// (`X-Hub-Signature-256`, `X-Runnel-Signature`).
public enum WebhookSignature {
    /// The header value for `body` under `secret`: `sha256=<hex>`.
    public static func sign(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `header` is the signature of `body` under `secret`.
    public static func isValid(_ header: String?, body: [UInt8], secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256=") else { return false }
        return constantTimeEqual(header, sign(body, secret: secret))
    }

    /// Whether `a` and `b` are equal, in a time that doesn't depend on where they differ
    /// (a secret compared this way leaks nothing through timing but its length).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}
