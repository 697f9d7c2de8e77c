import Foundation
import Logging
import RunnelDaemon
import RunnelEngine
import RunnelGit
import ServiceLifecycle

/// The daemon's services over the repository for one draft command, with a throwaway state
/// folder (it runs no workflow; it reads the branch, `runnel.yaml`'s providers, and commits;
/// the draft's announcement is delivered before the command ends).
enum DraftSession {
    /// Runs `body` with a started daemon on `branch` (default: the checked-out one) and the
    /// author name git would use here.
    static func run<T>(repo: String?, branch: String?, secrets: EngineOptions,
                       _ body: (DaemonServices, String) async throws -> T) async throws -> T {
        let context = try reportingGitErrors { try GitContext(repo: repo, branch: branch, state: nil) }
        guard let line = context.branch else { throw CLIError(description: "HEAD is detached; name the branch with --branch", exitStatus: 1) }
        let author = (try? context.repository.defaultSignature().name) ?? "runnel"
        let root = context.repository.workTree ?? context.repository.gitDirectory
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-draft-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let daemon: DaemonServices
        // Only problems are worth a line here (on standard error).
        var logger = Logger(label: "runnel")
        logger.logLevel = .error
        do {
            daemon = try DaemonServices(DaemonConfiguration(repository: root, branch: line, state: state), secrets: try secrets.secrets(),
                                        logger: logger)
            _ = try await daemon.start()
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(description: "cannot open \(root): \(error)", exitStatus: 1)
        }
        // The notifications run while the command does, and drain at its end.
        let notifications = daemon.notifications
        let group = ServiceGroup(configuration: .init(services: [.init(service: notifications)], logger: logger))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        let result: T
        do {
            result = try await body(daemon, author)
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            throw error
        }
        await group.triggerGracefulShutdown()
        _ = await running.result
        return result
    }

    /// Runs a daemon write, turning its refusal into the CLI's error (exit 1; the diagnostics
    /// printed first).
    static func writing<T>(_ body: () async throws(WriteError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            for line in error.diagnostics { print(line) }
            throw CLIError(description: error.description, exitStatus: error.kind == .invalid && error.diagnostics.isEmpty ? 2 : 1)
        }
    }
}
