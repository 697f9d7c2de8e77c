public import Foundation
import Crypto
import RunnelEngine

/// The API keys, in a JSON file outside the repository. Only a SHA-256 hash of each key is
/// stored; the key itself is shown once, when it is created.
public struct APIKeys: Sendable {
    /// What a key may do. `admin` may do everything; `write` and `run` include `read`.
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case read, run, write, admin
    }

    /// One key, as stored.
    public struct Key: Sendable, Codable {
        public var name: String
        public var hash: String
        public var scopes: [Scope]
        public var createdAt: Date
        public var revoked: Bool

        enum CodingKeys: String, CodingKey {
            case name, hash, scopes, revoked
            case createdAt = "created_at"
        }

        /// Whether the key grants `scope`.
        public func allows(_ scope: Scope) -> Bool {
            scopes.contains(.admin) || scopes.contains(scope) || (scope == .read && !scopes.isEmpty)
        }
    }

    /// The file.
    public let path: String
    /// The keys, revoked ones included.
    public private(set) var keys: [Key]

    /// Reads the keys file (none yet when it doesn't exist).
    /// - Throws: when the file exists but can't be read as a keys file.
    public init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            keys = []
            return
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        keys = try decoder.decode([Key].self, from: data)
    }

    /// The active key whose secret is `presented`, compared by hash.
    public func key(for presented: String) -> Key? {
        let hash = Self.hash(presented)
        return keys.first { !$0.revoked && $0.hash == hash }
    }

    /// Whether any key can be used.
    public var hasActiveKeys: Bool { keys.contains { !$0.revoked } }

    /// Creates a key and saves the file; returns the key's secret, which is not stored.
    /// - Throws: when the name is taken by an active key or the file can't be written.
    public mutating func create(name: String, scopes: [Scope]) throws -> String {
        guard !keys.contains(where: { $0.name == name && !$0.revoked }) else {
            throw APIKeyError(description: "a key named '\(name)' exists; revoke it first")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = "rnl_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        keys.append(Key(name: name, hash: Self.hash(secret), scopes: scopes, createdAt: Date(), revoked: false))
        try save()
        return secret
    }

    /// Revokes the key named `name`.
    public mutating func revoke(name: String) throws {
        guard let index = keys.firstIndex(where: { $0.name == name && !$0.revoked }) else {
            throw APIKeyError(description: "no active key named '\(name)'")
        }
        keys[index].revoked = true
        try save()
    }

    private func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try DurableFile.makeFolder((path as NSString).deletingLastPathComponent)
        try DurableFile.atomicWrite(Array(try encoder.encode(keys)), to: path)
        chmod(path, 0o600)
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A keys file problem.
public struct APIKeyError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
