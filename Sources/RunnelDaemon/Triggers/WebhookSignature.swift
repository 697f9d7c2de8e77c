import Crypto
import Foundation

/// Checks an inbound webhook's `X-Hub-Signature-256` / `X-Runnel-Signature` header: `sha256=`
/// and the hex HMAC-SHA256 of the raw body under the hook's secret, compared in constant time.
public enum WebhookSignature {
    /// The header value for `body` under `secret`: `sha256=<hex>`.
    public static func sign(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `header` is the signature of `body` under `secret`.
    public static func isValid(_ header: String?, body: [UInt8], secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256=") else { return false }
        let given = Array(header.utf8)
        let expected = Array(sign(body, secret: secret).utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) { difference |= a ^ b }
        return difference == 0
    }
}
