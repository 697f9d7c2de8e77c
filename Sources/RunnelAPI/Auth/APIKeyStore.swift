public import Foundation
import Synchronization

/// Where the API keys are kept: the keys file (``FileAPIKeyStore``, the default), memory
/// (``MemoryAPIKeyStore``), or PostgreSQL (`PostgresAPIKeyStore`, cluster mode: a key created
/// or revoked on one node holds on every node at once). Each passes `APIKeyStoreTests`.
public protocol APIKeyStore: Sendable {
    /// Every key, revoked ones included, oldest first.
    func list() async throws(APIKeyError) -> [APIKeys.Key]
    /// Stores a new key; refused when an active key has its name.
    func add(_ key: APIKeys.Key) async throws(APIKeyError)
    /// Revokes the active key named `name`; requests with it get 401 from then on.
    func revoke(name: String) async throws(APIKeyError)
}

extension APIKeyStore {
    /// Creates a key with `scopes` and returns its secret, which only this answer shows (the
    /// store keeps its hash).
    public func create(name: String, scopes: [APIKeys.Scope], now: Date = Date()) async throws(APIKeyError) -> String {
        let secret = APIKeys.newSecret()
        try await add(APIKeys.Key(name: name, hash: APIKeys.hash(secret), scopes: scopes, createdAt: now, revoked: false))
        return secret
    }

    /// The active key whose secret is `presented`, compared by hash.
    public func key(for presented: String) async throws(APIKeyError) -> APIKeys.Key? {
        let hash = APIKeys.hash(presented)
        return try await list().first { !$0.revoked && $0.hash == hash }
    }

    /// Whether any key can be used.
    public func hasActiveKeys() async throws(APIKeyError) -> Bool {
        try await list().contains { !$0.revoked }
    }
}

/// The keys file (`<state>/keys.json`), read again at each call: `runnel keys` and the server
/// share it.
public struct FileAPIKeyStore: APIKeyStore {
    /// The file.
    public let path: String

    /// The store in `path` (no keys while it doesn't exist).
    public init(path: String) { self.path = path }

    public func list() throws(APIKeyError) -> [APIKeys.Key] { try open().keys }

    public func add(_ key: APIKeys.Key) throws(APIKeyError) {
        var keys = try open()
        do { try keys.add(key) } catch { throw Self.wrap(error) }
    }

    public func revoke(name: String) throws(APIKeyError) {
        var keys = try open()
        do { try keys.revoke(name: name) } catch { throw Self.wrap(error) }
    }

    private func open() throws(APIKeyError) -> APIKeys {
        do { return try APIKeys(path: path) } catch {
            throw APIKeyError(description: "cannot read the keys file \(path): \(error)")
        }
    }

    private static func wrap(_ error: any Error) -> APIKeyError {
        error as? APIKeyError ?? APIKeyError(description: "\(error)")
    }
}

/// Keys in memory (tests).
public final class MemoryAPIKeyStore: APIKeyStore {
    private let keys = Mutex<[APIKeys.Key]>([])

    /// An empty store.
    public init() {}

    public func list() -> [APIKeys.Key] { keys.withLock { $0 } }

    public func add(_ key: APIKeys.Key) throws(APIKeyError) {
        try keys.withLock { (keys: inout [APIKeys.Key]) throws(APIKeyError) in
            guard !keys.contains(where: { $0.name == key.name && !$0.revoked }) else { throw .nameTaken(key.name) }
            keys.append(key)
        }
    }

    public func revoke(name: String) throws(APIKeyError) {
        try keys.withLock { (keys: inout [APIKeys.Key]) throws(APIKeyError) in
            guard let index = keys.firstIndex(where: { $0.name == name && !$0.revoked }) else { throw .noActiveKey(name) }
            keys[index].revoked = true
        }
    }
}
