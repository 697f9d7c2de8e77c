import Foundation
import PostgresNIO
public import RunnelAPI

/// The API keys in PostgreSQL (`runnel_api_keys`, hashes only): a key created or revoked on one
/// node holds on every node at the next request. Passes `APIKeyStoreTests` with the file and
/// memory stores.
public final class PostgresAPIKeyStore: APIKeyStore {
    /// The pool it uses.
    public let database: RunnelDatabase

    /// The store on a migrated database.
    public init(_ database: RunnelDatabase) { self.database = database }

    public func list() async throws(APIKeyError) -> [APIKeys.Key] {
        do {
            var keys: [APIKeys.Key] = []
            let rows = try await database.client.query(
                "SELECT name, hash, scopes, created_at, revoked FROM runnel_api_keys ORDER BY seq", logger: database.logger)
            for try await (name, hash, scopes, createdAt, revoked) in rows.decode((String, String, [String], Date, Bool).self) {
                keys.append(APIKeys.Key(name: name, hash: hash, scopes: scopes.compactMap(APIKeys.Scope.init(rawValue:)),
                                        createdAt: createdAt, revoked: revoked))
            }
            return keys
        } catch {
            throw APIKeyError(description: "cannot read the API keys: \(DatabaseError.describe(error))")
        }
    }

    public func key(for presented: String) async throws(APIKeyError) -> APIKeys.Key? {
        // One indexed row, not the whole table: this runs on every request.
        let hash = APIKeys.hash(presented)
        do {
            let rows = try await database.client.query(
                "SELECT name, scopes, created_at FROM runnel_api_keys WHERE hash = \(hash) AND NOT revoked LIMIT 1", logger: database.logger)
            for try await (name, scopes, createdAt) in rows.decode((String, [String], Date).self) {
                return APIKeys.Key(name: name, hash: hash, scopes: scopes.compactMap(APIKeys.Scope.init(rawValue:)), createdAt: createdAt, revoked: false)
            }
            return nil
        } catch {
            throw APIKeyError(description: "cannot read the API keys: \(DatabaseError.describe(error))")
        }
    }

    public func add(_ key: APIKeys.Key) async throws(APIKeyError) {
        do {
            try await database.client.query("""
                INSERT INTO runnel_api_keys (name, hash, scopes, created_at, revoked)
                VALUES (\(key.name), \(key.hash), \(key.scopes.map(\.rawValue)), \(key.createdAt), \(key.revoked))
                """, logger: database.logger)
        } catch {
            if DatabaseError.sqlState(error) == "23505" { throw .nameTaken(key.name) }
            throw APIKeyError(description: "cannot store the API key: \(DatabaseError.describe(error))")
        }
    }

    public func revoke(name: String) async throws(APIKeyError) {
        do {
            let rows = try await database.client.query(
                "UPDATE runnel_api_keys SET revoked = true WHERE name = \(name) AND NOT revoked RETURNING seq", logger: database.logger)
            var revoked = false
            for try await _ in rows { revoked = true }
            guard revoked else { throw APIKeyError.noActiveKey(name) }
        } catch let error as APIKeyError {
            throw error
        } catch {
            throw APIKeyError(description: "cannot revoke the API key: \(DatabaseError.describe(error))")
        }
    }
}
