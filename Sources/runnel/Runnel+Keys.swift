import ArgumentParser
import Foundation
import RunnelAPI
import RunnelPostgres

extension Runnel {
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list and revoke the API keys of `runnel serve`.",
            subcommands: [Create.self, List.self, Revoke.self]
        )

        struct Location: ParsableArguments {
            @Option(help: "The keys file (default: <state>/keys.json, the state folder of `runnel serve`).")
            var keysFile: String?

            @Option(help: "The state folder (default: $RUNNEL_STATE, else <repo>/.runnel).")
            var state: String?

            var path: String {
                if let keysFile { return keysFile }
                return StateFolder.resolve(state) { WorkflowFiles.repositoryRoot() } + "/keys.json"
            }

            @OptionGroup var database: DatabaseOption

            /// Runs `body` with the keys of the database when one is given, else of the keys file;
            /// a key error is exit 1 with its message.
            func withStore<Result: Sendable>(_ body: @Sendable (any APIKeyStore) async throws(APIKeyError) -> Result) async throws -> Result {
                do {
                    guard let url = try database.url() else { return try await body(FileAPIKeyStore(path: path)) }
                    return try await RunnelDatabase.with(url, logger: RunStoreFactory.quietLogger) { database in
                        try await database.waitUntilReachable()
                        try await Migrator().migrate(database)
                        return try await body(PostgresAPIKeyStore(database))
                    }
                } catch let error as APIKeyError {
                    throw CLIError(description: error.description, exitStatus: 1)
                } catch let error as DatabaseError {
                    throw CLIError(description: error.description, exitStatus: 1)
                }
            }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a key and print it once (only its hash is stored).")

            @Argument(help: "The key's name (who or what uses it).")
            var name: String

            @Option(help: "Comma-separated scopes: read, run, write, admin.")
            var scopes = "read"

            @OptionGroup var location: Location

            func run() async throws {
                var parsed: [APIKeys.Scope] = []
                for item in scopes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    guard let scope = APIKeys.Scope(rawValue: item) else {
                        throw CLIError.usage("unknown scope '\(item)' (read, run, write, admin)")
                    }
                    parsed.append(scope)
                }
                let (name, scopes) = (name, parsed)
                print(try await location.withStore { store throws(APIKeyError) in try await store.create(name: name, scopes: scopes) })
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the keys (names, scopes, state; never the keys).")

            @OptionGroup var location: Location

            func run() async throws {
                for key in try await location.withStore({ store throws(APIKeyError) in try await store.list() }) {
                    print("\(key.name)  \(key.scopes.map(\.rawValue).joined(separator: ","))  \(key.revoked ? "revoked" : "active")  \(key.createdAt.formatted(.iso8601))")
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a key: requests with it get 401 at once.")

            @Argument(help: "The key's name.")
            var name: String

            @OptionGroup var location: Location

            func run() async throws {
                let name = name
                try await location.withStore { store throws(APIKeyError) in try await store.revoke(name: name) }
            }
        }
    }
}
