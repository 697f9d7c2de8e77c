import Foundation
import Logging
import PostgresNIO

/// Brings the schema up to date: every pending ``Migration`` in one transaction that holds a
/// transaction-level advisory lock, so that nodes starting together migrate once (the others
/// wait for the lock, then find nothing pending). A failing migration rolls them all back.
public struct Migrator: Sendable {
    /// The migrations to apply.
    public var migrations: [Migration]

    /// A migrator for `migrations` (default: all of Runnel's).
    public init(migrations: [Migration] = Migration.all) {
        self.migrations = migrations
    }

    /// The advisory lock's key: one per schema (two schemas on one database migrate apart).
    static func lockName(_ url: DatabaseURL) -> String { "runnel.migrate." + (url.schema ?? "") }

    /// Applies what is pending.
    /// - Returns: the versions this call applied (empty when the schema was current).
    /// - Throws: ``DatabaseError`` naming the migration and the server's message.
    @discardableResult
    public func migrate(_ database: RunnelDatabase) async throws(DatabaseError) -> [Int] {
        let migrations = migrations
        let url = database.url
        let logger = database.logger
        do {
            return try await database.client.withTransaction(logger: logger) { connection async throws -> [Int] in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(Self.lockName(url))))", logger: logger)
                if let schema = url.schema {
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
                }
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS runnel_schema_migrations (
                        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var applied: Set<Int> = []
                for try await version in try await connection.query("SELECT version FROM runnel_schema_migrations", logger: logger).decode(Int.self) {
                    applied.insert(version)
                }
                var done: [Int] = []
                for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                    do {
                        for statement in migration.statements {
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.query(
                            "INSERT INTO runnel_schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                    } catch {
                        throw DatabaseError.failed("migration \(migration.version) (\(migration.name)) failed", error)
                    }
                    done.append(migration.version)
                }
                if !done.isEmpty { logger.info("database migrated", metadata: ["runnel.migrations": "\(done)"]) }
                return done
            }
        } catch let error as DatabaseError {
            throw error
        } catch let error as PostgresTransactionError {
            throw DatabaseError.failed("cannot migrate the database \(url)", error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch {
            throw DatabaseError.failed("cannot migrate the database \(url)", error)
        }
    }

    /// The versions the database has applied, oldest first (empty for a new database).
    public func appliedVersions(_ database: RunnelDatabase) async throws(DatabaseError) -> [Int] {
        do {
            let exists = try await database.client.query("SELECT to_regclass('runnel_schema_migrations') IS NOT NULL", logger: database.logger)
            var present = false
            for try await flag in exists.decode(Bool.self) { present = flag }
            guard present else { return [] }
            var versions: [Int] = []
            for try await version in try await database.client.query("SELECT version FROM runnel_schema_migrations ORDER BY version", logger: database.logger).decode(Int.self) {
                versions.append(version)
            }
            return versions
        } catch {
            throw DatabaseError.failed("cannot read the schema version of \(database.url)", error)
        }
    }
}
