public import Logging
public import PostgresNIO
public import ServiceLifecycle

/// A connection pool to Runnel's database: a swift-service-lifecycle `Service` (its `run()`
/// runs postgres-nio's `PostgresClient`, which leases connections only while it runs), shared by
/// every PostgreSQL store of a process.
public final class RunnelDatabase: Service, Sendable {
    /// Where it connects.
    public let url: DatabaseURL
    /// The pool.
    public let client: PostgresClient
    /// Where queries log (at debug and trace).
    public let logger: Logger

    /// A pool for `url`; nothing connects until ``run()`` runs.
    public init(url: DatabaseURL, logger: Logger = Logger(label: "runnel.postgres")) {
        self.url = url
        self.logger = logger
        self.client = PostgresClient(configuration: url.configuration, backgroundLogger: logger)
    }

    /// Runs the pool until the task is cancelled or the service group shuts down gracefully.
    public func run() async {
        await client.run()
    }

    /// Runs a pool for `url` while `body` uses it (the CLI's one-shot commands, tests), then
    /// closes it.
    public static func with<Result: Sendable>(
        _ url: DatabaseURL, logger: Logger = Logger(label: "runnel.postgres"),
        _ body: @Sendable (RunnelDatabase) async throws -> Result
    ) async throws -> Result {
        let database = RunnelDatabase(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            await Task.yield()
            defer { group.cancelAll() }
            return try await body(database)
        }
    }

    /// Waits until the server answers, at most `timeout` (the pool itself retries a refused
    /// connection for about a minute before it gives up).
    /// - Throws: ``DatabaseError`` saying the database can't be reached, with the server's
    ///   message when it answered with an error (a wrong user or database).
    public func waitUntilReachable(timeout: Duration = .seconds(10)) async throws(DatabaseError) {
        let url = url
        let outcome: DatabaseError? = await withTaskGroup(of: DatabaseError?.self) { group in
            group.addTask {
                // One direct connection: it fails at once with the server's reason (a wrong
                // user or database, a refused port), where the pool would retry for a minute.
                do {
                    let connection = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 0, logger: self.logger)
                    try? await connection.close()
                    return nil
                } catch {
                    return DatabaseError.failed("cannot reach the database \(url)", error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : DatabaseError("cannot reach the database \(url): no answer within \(timeout) (is it running, and is the address right?)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let outcome { throw outcome }
    }

    /// Checks that the server answers (one round trip).
    /// - Throws: ``DatabaseError`` with the server's or the connection's message.
    public func ping() async throws(DatabaseError) {
        do { try await client.query("SELECT 1", logger: logger) } catch {
            throw DatabaseError.failed("cannot reach the database \(url)", error)
        }
    }
}

extension RunnelDatabase {
    /// Runs one statement that takes no values (administration: creating or dropping a schema).
    /// - Throws: ``DatabaseError`` with the server's message.
    public func execute(_ sql: String) async throws(DatabaseError) {
        do { try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger) } catch {
            throw DatabaseError.failed("cannot run '\(sql)'", error)
        }
    }
}
