import ArgumentParser
import Foundation
import RunnelPostgres

/// `--database URL` (or `$RUNNEL_DATABASE_URL`): the PostgreSQL database of cluster mode.
struct DatabaseOption: ParsableArguments {
    @Option(help: "Keep the state in PostgreSQL (cluster mode): postgres://USER@HOST:PORT/DATABASE (also $RUNNEL_DATABASE_URL; default: the state folder).")
    var database: String?

    /// The URL given, from the flag or the environment; nil for the state folder.
    /// - Throws: a usage error saying what is wrong with the URL.
    func url() throws -> DatabaseURL? {
        guard let text = database ?? ProcessInfo.processInfo.environment["RUNNEL_DATABASE_URL"], !text.isEmpty else { return nil }
        do { return try DatabaseURL(text) } catch { throw CLIError.usage(error.description) }
    }

    /// The URL, required (commands that only work on a database).
    func requiredURL() throws -> DatabaseURL {
        guard let url = try url() else { throw CLIError.usage("no database: pass --database postgres://USER@HOST:PORT/DATABASE or set RUNNEL_DATABASE_URL") }
        return url
    }
}
