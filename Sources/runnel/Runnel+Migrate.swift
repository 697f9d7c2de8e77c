import ArgumentParser
import Foundation
import RunnelPostgres

extension Runnel {
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update the PostgreSQL schema of cluster mode (`serve --database` does it at start too).",
            discussion: """
                Applies the pending migrations in one transaction under an advisory lock: nodes \
                starting together migrate once. Prints the versions applied, or that the schema is current.
                """
        )

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let url = try database.requiredURL()
            let (applied, versions) = try await RunnelDatabase.with(url, logger: RunStoreFactory.quietLogger) { database in
                do {
                    try await database.waitUntilReachable()
                    let applied = try await Migrator().migrate(database)
                    return (applied, try await Migrator().appliedVersions(database))
                } catch {
                    throw CLIError(description: "\(error)", exitStatus: 1)
                }
            }
            if applied.isEmpty {
                print("\(url): schema is current (version \(versions.last ?? 0))")
            } else {
                print("\(url): applied migration\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", ")); schema at version \(versions.last ?? 0)")
            }
        }
    }
}
