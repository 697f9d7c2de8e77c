import Foundation
public import PostgresNIO

/// Where the database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, with the query
/// parameters `sslmode` (`disable`, `prefer` — the default —, `require`) and `schema` (the
/// schema Runnel's tables live in, created when missing; default `public`).
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// Its port.
    public var port: Int
    /// The user to log in as.
    public var user: String
    /// Its password, when one is needed.
    public var password: String?
    /// The database.
    public var database: String
    /// How TLS is used: `disable`, `prefer` or `require`.
    public var sslMode: String
    /// The schema of Runnel's tables (nil: the server's default search path).
    public var schema: String?

    /// The URL without its password, as logs and errors show it.
    public var description: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        var parameters: [String] = []
        if sslMode != "prefer" { parameters.append("sslmode=\(sslMode)") }
        if let schema { parameters.append("schema=\(schema)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// Reads a URL.
    /// - Throws: ``DatabaseError`` saying which part is wrong.
    public init(_ text: String) throws(DatabaseError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw DatabaseError("database URL '\(Self.redacted(text))' must look like postgres://USER@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseError("database URL '\(Self.redacted(text))' names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseError("database URL '\(Self.redacted(text))' names no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw DatabaseError("database URL '\(Self.redacted(text))' must name one database after the host (…/DATABASE)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw DatabaseError("database URL port \(port) is out of range 1…65535") }
        self.host = host
        self.port = port
        self.user = components.percentEncodedUser?.removingPercentEncoding ?? user
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.database = database.removingPercentEncoding ?? database
        self.sslMode = "prefer"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let mode = item.value ?? ""
                guard ["disable", "prefer", "require"].contains(mode) else {
                    throw DatabaseError("database URL sslmode '\(mode)' is not one of disable, prefer, require")
                }
                sslMode = mode
            case "schema":
                let schema = item.value ?? ""
                guard Self.isPlainName(schema) else {
                    throw DatabaseError("database URL schema '\(schema)' must be letters, digits and _ (at most 63, not starting with a digit)")
                }
                self.schema = schema
            default:
                throw DatabaseError("database URL parameter '\(item.name)' is not one of sslmode, schema")
            }
        }
    }

    /// The client configuration for this URL.
    public var configuration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: tls)
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }

    /// The configuration of one connection for this URL (the pool's, without a pool).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tls)
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }

    /// The same database with another schema (tests give each case its own).
    public func with(schema: String?) -> DatabaseURL {
        var url = self
        url.schema = schema
        return url
    }

    /// Whether `name` can be used unquoted as a PostgreSQL identifier.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `text` with any password replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
