import ArgumentParser
import Foundation
import RunnelAPI

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

            func open() throws -> APIKeys {
                do { return try APIKeys(path: path) } catch {
                    throw CLIError(description: "cannot read the keys file \(path): \(error)", exitStatus: 1)
                }
            }
        }

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a key and print it once (only its hash is stored).")

            @Argument(help: "The key's name (who or what uses it).")
            var name: String

            @Option(help: "Comma-separated scopes: read, run, write, admin.")
            var scopes = "read"

            @OptionGroup var location: Location

            func run() throws {
                var parsed: [APIKeys.Scope] = []
                for item in scopes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    guard let scope = APIKeys.Scope(rawValue: item) else {
                        throw CLIError.usage("unknown scope '\(item)' (read, run, write, admin)")
                    }
                    parsed.append(scope)
                }
                var keys = try location.open()
                do {
                    print(try keys.create(name: name, scopes: parsed))
                } catch {
                    throw CLIError(description: "\(error)", exitStatus: 1)
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the keys (names, scopes, state; never the keys).")

            @OptionGroup var location: Location

            func run() throws {
                for key in try location.open().keys {
                    print("\(key.name)  \(key.scopes.map(\.rawValue).joined(separator: ","))  \(key.revoked ? "revoked" : "active")  \(key.createdAt.formatted(.iso8601))")
                }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a key: requests with it get 401 at once.")

            @Argument(help: "The key's name.")
            var name: String

            @OptionGroup var location: Location

            func run() throws {
                var keys = try location.open()
                do { try keys.revoke(name: name) } catch { throw CLIError(description: "\(error)", exitStatus: 1) }
            }
        }
    }
}
