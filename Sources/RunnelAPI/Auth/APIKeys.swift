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

        /// A key as stored.
        public init(name: String, hash: String, scopes: [Scope], createdAt: Date, revoked: Bool) {
            self.name = name
            self.hash = hash
            self.scopes = scopes
            self.createdAt = createdAt
            self.revoked = revoked
        }

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
        let secret = Self.newSecret()
        try add(Key(name: name, hash: Self.hash(secret), scopes: scopes, createdAt: Date(), revoked: false))
        return secret
    }

    /// Adds a key and saves the file.
    /// - Throws: when the name is taken by an active key or the file can't be written.
    public mutating func add(_ key: Key) throws {
        guard !keys.contains(where: { $0.name == key.name && !$0.revoked }) else { throw APIKeyError.nameTaken(key.name) }
        keys.append(key)
        try save()
    }

    /// Revokes the key named `name`.
    public mutating func revoke(name: String) throws {
        guard let index = keys.firstIndex(where: { $0.name == name && !$0.revoked }) else { throw APIKeyError.noActiveKey(name) }
        keys[index].revoked = true
        try save()
    }

    /// A new key's secret: `rnl_` and 64 hex digits from the system's random source.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "rnl_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    private func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try DurableFile.makeFolder(DurableFile.folder(of: path))
        try DurableFile.atomicWrite(Array(try encoder.encode(keys)), to: path)
        chmod(path, 0o600)
    }

    /// The SHA-256 of a secret in hex, as stores keep it.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A keys file problem.
public struct APIKeyError: Error, CustomStringConvertible, Sendable {
    public var description: String

    /// An error saying `description`.
    public init(description: String) { self.description = description }

    /// An active key has this name.
    public static func nameTaken(_ name: String) -> APIKeyError { APIKeyError(description: "a key named '\(name)' exists; revoke it first") }
    /// No active key has this name.
    public static func noActiveKey(_ name: String) -> APIKeyError { APIKeyError(description: "no active key named '\(name)'") }
}
