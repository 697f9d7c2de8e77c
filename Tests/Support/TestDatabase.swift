import Foundation
public import Logging
public import RunnelPostgres
public import Testing

/// The PostgreSQL the tests use: `RUNNEL_TEST_DATABASE_URL` (`make test` starts one through
/// `scripts/test-postgres.sh`). Without it the database's cases are skipped with a note, except
/// under `CI=true`, where they fail: CI must run them.
public enum TestDatabase {
    /// The URL the environment names, when it names one.
    public static let url: DatabaseURL? = ProcessInfo.processInfo.environment["RUNNEL_TEST_DATABASE_URL"].flatMap { try? DatabaseURL($0) }

    /// Whether the tests run under CI (`CI` set to anything but `false`/`0`).
    public static var inCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && value != "false" && value != "0"
    }

    /// Whether the database's cases run: a database is configured, or CI requires them.
    public static var runs: Bool { url != nil || inCI }

    /// Why they are skipped.
    public static let skipNote: Comment = "RUNNEL_TEST_DATABASE_URL is not set: the PostgreSQL cases are skipped (make test starts a throwaway database; CI=true fails instead)"

    /// The configured URL, or an error saying it is missing (under CI).
    public static func requireURL() throws -> DatabaseURL {
        guard let url else {
            throw DatabaseError("RUNNEL_TEST_DATABASE_URL is not set or not a postgres:// URL; under CI=true the PostgreSQL tests must run (scripts/test-postgres.sh start)")
        }
        return url
    }

    /// What the test pools log: errors only (a test checks what it needs, not log lines).
    public static var logger: Logger {
        var logger = Logger(label: "runnel.postgres.test")
        logger.logLevel = .error
        return logger
    }

    /// Runs `body` with a pool on a new, migrated schema of its own (so that tests running at
    /// once don't see each other's rows), and drops the schema afterwards.
    public static func withSchema<Result: Sendable>(
        migrate: Bool = true, _ body: @Sendable (RunnelDatabase) async throws -> Result
    ) async throws -> Result {
        let base = try requireURL()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let url = base.with(schema: schema)
        do {
            let result = try await RunnelDatabase.with(url, logger: logger) { database in
                if migrate { try await Migrator().migrate(database) }
                return try await body(database)
            }
            try await drop(schema, on: base)
            return result
        } catch {
            try? await drop(schema, on: base)
            throw error
        }
    }

    /// Drops a test schema and everything in it.
    static func drop(_ schema: String, on url: DatabaseURL) async throws {
        try await RunnelDatabase.with(url.with(schema: nil), logger: logger) { database in
            try await database.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        }
    }
}
