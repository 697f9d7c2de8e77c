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

    /// The repository root: `--repo`, or the enclosing folder holding `.git` or `workflows/`.
    /// - Throws: when there is none (rather than writing state into a random folder).
    func root() throws -> String {
        if let repo { return URL(fileURLWithPath: repo).standardizedFileURL.path }
        let cwd = FileManager.default.currentDirectoryPath
        let found = WorkflowFiles.repositoryRoot(from: cwd)
        let markers = [".git", "workflows"].map { (found as NSString).appendingPathComponent($0) }
        guard markers.contains(where: FileManager.default.fileExists(atPath:)) else {
            throw CLIError.usage("not inside a repository (no .git or workflows/ in \(cwd) or above); use --repo PATH")
        }
        return found
    }

    /// The state folder: `--state`, `$RUNNEL_STATE`, or `<repo>/.runnel`.
    func stateFolder() throws -> String {
        try StateFolder.resolve(state) { try root() }
    }

    /// Secrets from `RUNNEL_SECRET_*` variables, then the secrets file.
    func secrets() throws -> any SecretStore {
        let environment = ProcessInfo.processInfo.environment
        var stores: [any SecretStore] = [EnvironmentSecretStore(environment: environment)]
        if let path = secretsFile ?? environment["RUNNEL_SECRETS_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "it can't be read" : "no such file"
                throw CLIError.usage("cannot read the secrets file \(path): \(reason)")
            }
            do {
                stores.append(try FileSecretStore(text: String(decoding: data, as: UTF8.self), path: path))
            } catch {
                throw CLIError.usage(error.description)
            }
        }
        return ChainedSecretStore(stores)
    }

    /// Where `runs`, `status` and the daemon find runs: the database when one is given, else
    /// the state folder.
    func storeLocation(_ database: DatabaseOption) throws -> RunStoreFactory.Location {
        if let url = try database.url() { return .database(url) }
        return .folder(try stateFolder())
    }

    /// The run store in the state folder.
    func store() throws -> FileRunStore {
        let folder = try stateFolder()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw CLIError.usage("the state folder \(folder) is a file")
        }
        do {
            return try FileRunStore(state: folder)
        } catch {
            throw CLIError(description: "cannot open the run store in \(folder): \(error)", exitStatus: 1)
        }
    }

    /// An engine over the repository's workflows (the work tree, or a commit for pinned runs)
    /// with the real step runners.
    func engine(store: FileRunStore) throws -> Engine {
        let providers = ProviderCatalogBox(try self.providers())
        return Engine(store: store, runners: .standard(providers: providers), secrets: try secrets(),
                      workflows: CLIWorkflowSource(root: try root()))
    }

    /// The model providers of `runnel.yaml` at the repository root (none when it is absent).
    /// Problems are printed as warnings and, as in the daemon, make the providers count as absent.
    func providers() throws -> ProviderCatalog {
        let path = (try root() as NSString).appendingPathComponent("runnel.yaml")
        guard let data = FileManager.default.contents(atPath: path) else { return ProviderCatalog() }
        let (catalog, problems) = ProviderCatalog.parse(settingsText: String(decoding: data, as: UTF8.self))
        guard problems.isEmpty else {
            for problem in problems { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }
            FileHandle.standardError.write(Data("warning: runnel.yaml has problems: its providers are ignored\n".utf8))
            return ProviderCatalog()
        }
        return catalog
    }
}
