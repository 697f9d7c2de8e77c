import Foundation
import PostgresNIO

/// Why the database could not be reached, read or migrated: what went wrong, and the
/// server's own message when it answered with one.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
    /// The error underneath (a PostgreSQL error, a connection failure), when there is one.
    public var underlying: (any Error)?

    /// An error saying `description`.
    public init(_ description: String, underlying: (any Error)? = nil) {
        self.description = description
        self.underlying = underlying
    }

    /// `what` failed because of `error`, with the server's message (PostgreSQL's error text,
    /// its SQLSTATE) or the connection problem.
    static func failed(_ what: String, _ error: any Error) -> DatabaseError {
        DatabaseError("\(what): \(Self.describe(error))", underlying: error)
    }

    /// A readable line for an error of postgres-nio (whose own `description` hides the
    /// server's message on purpose) or any other error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.description }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = error.serverInfo?[.detail].map { "; \($0)" } ?? ""
            return message + detail + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// The SQLSTATE of a server error (`23505` for a unique violation), when it is one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
