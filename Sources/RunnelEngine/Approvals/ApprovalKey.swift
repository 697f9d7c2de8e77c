import Crypto
public import Foundation
import RunnelCore
#if canImport(Glibc)
import Glibc
#endif

/// The secret that signs approval links: 32 random bytes in `<state>/approval-key` (hex,
/// mode 0600), made on first use. Tokens are `base64url(payload).base64url(HMAC-SHA256)`.
public struct ApprovalKey: Sendable {
    private let key: SymmetricKey

    /// A key from raw bytes (tests).
    public init(bytes: [UInt8]) { key = SymmetricKey(data: bytes) }

    /// The key of state folder `state`, created when there is none.
    /// - Throws: when the file can't be read or created, or holds no key.
    public static func load(state: String) throws(ApprovalKeyError) -> ApprovalKey {
        let path = state + "/approval-key"
        if let key = try read(path) { return key }
        do {
            try DurableFile.makeFolder(state)
        } catch {
            throw ApprovalKeyError(description: "cannot create \(state): \(error)")
        }
        let bytes = randomBytes()
        let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        // O_EXCL: when two processes race, one creates the file and both use its key.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST, let key = try read(path) { return key }
            throw ApprovalKeyError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let written = text.utf8.withContiguousStorageIfAvailable { write(fd, $0.baseAddress, $0.count) } ?? -1
        fsync(fd)
        close(fd)
        guard written == text.utf8.count else { throw ApprovalKeyError(description: "cannot write \(path)") }
        return ApprovalKey(bytes: bytes)
    }

    private static func read(_ path: String) throws(ApprovalKeyError) -> ApprovalKey? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let hex = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
              let byte = UInt8(hex[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        guard bytes.count >= 32, index == hex.endIndex else { throw ApprovalKeyError(description: "\(path) does not hold a key (64 hex digits)") }
        return ApprovalKey(bytes: bytes)
    }

    /// The signed text of `token`, for a link's `token=` parameter.
    public func sign(_ token: ApprovalToken) -> String {
        let payload = Self.base64url(Array(token.payload.serialized().utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: key)
        return payload + "." + Self.base64url(Array(mac))
    }

    /// The token that `text` carries, when this key signed it and it has not expired.
    public func verify(_ text: String, now: Date = Date()) -> Result<ApprovalToken, ApprovalTokenError> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.unbase64url(String(parts[0])), let mac = Self.unbase64url(String(parts[1])) else {
            return .failure(.malformed)
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array(parts[0].utf8), using: key) else {
            return .failure(.forged)
        }
        guard let json = try? JSONParser.parse(String(decoding: payload, as: UTF8.self)), let token = ApprovalToken(payload: json) else {
            return .failure(.malformed)
        }
        guard token.expiresAt > now else { return .failure(.expired) }
        return .success(token)
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }) else { return nil }
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base).map(Array.init)
    }
}

/// The approval key file can't be used.
public struct ApprovalKeyError: Error, Sendable, CustomStringConvertible {
    public var description: String

    /// An error saying `description`.
    public init(description: String) { self.description = description }
}
