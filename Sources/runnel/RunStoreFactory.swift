import Foundation
import Logging
import RunnelEngine
import RunnelPostgres

/// The one place that picks where runs are recorded: the state folder's ``FileRunStore`` (the
/// embedded default) or a ``PostgresRunStore`` (cluster mode). Everything above it sees
/// `any RunStore`; a composition root calls ``with(_:logger:_:)`` around its services.
enum RunStoreFactory {
    /// Where the runs are.
    enum Location: Sendable {
        case folder(String)
        case database(DatabaseURL)
    }

    /// Opens the store at `location` while `body` runs: for a database, a connection pool runs
    /// for as long (closed afterwards) and the schema is migrated first (under the advisory
    /// lock, so nodes starting together migrate once).
    /// - Throws: ``CLIError`` (exit 1) when the store can't be opened; what `body` throws.
    static func with<Result: Sendable>(
        _ location: Location, logger: Logger = Logger(label: "runnel.postgres"),
        _ body: @Sendable (any RunStore, RunnelDatabase?) async throws -> Result
    ) async throws -> Result {
        switch location {
        case .folder(let folder):
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
                throw CLIError.usage("the state folder \(folder) is a file")
            }
            let store: FileRunStore
            do { store = try FileRunStore(state: folder) } catch {
                throw CLIError(description: "cannot open the run store in \(folder): \(error)", exitStatus: 1)
            }
            return try await body(store, nil)
        case .database(let url):
            return try await RunnelDatabase.with(url, logger: logger) { database in
                let store: PostgresRunStore
                do {
                    try await database.waitUntilReachable()
                    try await Migrator().migrate(database)
                    store = try await PostgresRunStore.open(database)
                } catch {
                    throw CLIError(description: "cannot open the run store in \(url): \(error)", exitStatus: 1)
                }
                return try await body(store, database)
            }
        }
    }

    /// What the CLI's one-shot commands log of the pool: errors only.
    static var quietLogger: Logger {
        var logger = Logger(label: "runnel.postgres")
        logger.logLevel = .error
        return logger
    }
}
