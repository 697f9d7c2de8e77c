import ArgumentParser
import Foundation
import RunnelEngine
import RunnelPostgres

extension Runnel {
    /// `runnel import`: run history from the state folder into PostgreSQL.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the run history of a state folder into the PostgreSQL database (cluster mode).",
            discussion: "Records, events and step logs; runs the database has already are skipped, so it can run again."
        )

        @OptionGroup var options: EngineOptions

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await Transfer.copy(folder: try options.stateFolder(), database: try database.requiredURL(), toDatabase: true)
        }
    }

    /// `runnel export`: run history from PostgreSQL into a state folder.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the run history of the PostgreSQL database into a state folder (back to one node).",
            discussion: "Records, events and step logs; runs the folder has already are skipped, so it can run again."
        )

        @OptionGroup var options: EngineOptions

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await Transfer.copy(folder: try options.stateFolder(), database: try database.requiredURL(), toDatabase: false)
        }
    }
}

/// What `import` and `export` share: both stores open, one copy.
enum Transfer {
    static func copy(folder: String, database url: DatabaseURL, toDatabase: Bool) async throws {
        let report = try await RunStoreFactory.with(.folder(folder)) { files, _ in
            try await RunStoreFactory.with(.database(url), logger: RunStoreFactory.quietLogger) { database, _ in
                do {
                    let report = toDatabase ? try await RunCopier().copy(from: files, to: database)
                                            : try await RunCopier().copy(from: database, to: files)
                    try await files.flush()
                    return report
                } catch {
                    throw CLIError(description: "cannot copy runs: \(error)", exitStatus: 1)
                }
            }
        }
        let (from, to) = toDatabase ? (WorkflowFiles.displayPath(folder), url.description) : (url.description, WorkflowFiles.displayPath(folder))
        print("copied \(report.copied) run\(report.copied == 1 ? "" : "s") from \(from) to \(to); \(report.skipped) already there")
    }
}
