import ArgumentParser
import Foundation
import RunnelEngine

/// Where a command finds the repository, the run records and the secrets.
struct EngineOptions: ParsableArguments {
    @Option(help: "The repository whose workflows/ to use (default: the enclosing one).")
    var repo: String?

    @Option(help: "The state folder holding run records (default: $RUNNEL_STATE, else <repo>/.runnel).")
    var state: String?

    @Option(help: "A file of NAME=value secret lines, kept outside the repository (also $RUNNEL_SECRETS_FILE).")
    var secretsFile: String?

    /// The repository root.
    var root: String {
        if let repo { return URL(fileURLWithPath: repo).standardizedFileURL.path }
        return WorkflowFiles.repositoryRoot()
    }

    /// The state folder.
    var stateFolder: String {
        if let state { return state }
        if let fromEnvironment = ProcessInfo.processInfo.environment["RUNNEL_STATE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return (root as NSString).appendingPathComponent(".runnel")
    }

    /// Secrets from `RUNNEL_SECRET_*` variables, then the secrets file.
    func secrets() throws -> any SecretStore {
        let environment = ProcessInfo.processInfo.environment
        var stores: [any SecretStore] = [EnvironmentSecretStore(environment: environment)]
        if let path = secretsFile ?? environment["RUNNEL_SECRETS_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError.usage("cannot read the secrets file \(path)")
            }
            do {
                stores.append(try FileSecretStore(text: String(decoding: data, as: UTF8.self), path: path))
            } catch {
                throw CLIError.usage(error.description)
            }
        }
        return ChainedSecretStore(stores)
    }

    /// The run store in the state folder.
    func store() throws -> FileRunStore {
        do {
            return try FileRunStore(state: stateFolder)
        } catch {
            throw CLIError(description: "cannot open the run store in \(stateFolder): \(error)", exitStatus: 1)
        }
    }

    /// An engine over the repository's workflows (the work tree, or a commit for pinned runs)
    /// with the real step runners.
    func engine(store: FileRunStore) throws -> Engine {
        Engine(store: store, runners: .standard(), secrets: try secrets(), workflows: CLIWorkflowSource(root: root))
    }
}
