import Logging
import PostgresNIO
import RunnelEngine

extension PostgresRunStore {
    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws);
    /// any failure becomes a ``RunStoreError`` that says `what` and keeps the error underneath.
    func transaction<Result: Sendable>(
        _ what: String, _ body: (PostgresConnection, Logger) async throws -> sending Result
    ) async throws(RunStoreError) -> Result {
        let logger = self.logger
        do {
            return try await database.client.withTransaction(logger: logger) { connection in
                try await body(connection, logger)
            }
        } catch {
            throw Self.storeError(what, error)
        }
    }

    /// `error` as a ``RunStoreError``: itself when it is one (a run not found inside a
    /// transaction), else an I/O error saying `what` with the server's message.
    static func storeError(_ what: String, _ error: any Error) -> RunStoreError {
        if let error = error as? RunStoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError { return storeError(what, inner) }
        }
        let prefix = what.isEmpty ? "" : what + ": "
        return RunStoreError(code: .io, description: prefix + DatabaseError.describe(error), underlying: error)
    }
}
