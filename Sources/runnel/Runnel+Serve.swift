import ArgumentParser
import Foundation
import Hummingbird
import RunnelAPI
import RunnelDaemon
import RunnelEngine

extension Runnel {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a branch and run its workflows: activate valid changes, fire schedules, chain runs.",
            discussion: """
                Every commit pushed to the branch is reconciled: only the changed workflow files are \
                read; a valid file becomes active, an invalid one never does (its workflow keeps its \
                last valid version). Schedules of active workflows fire on time; missed slots follow \
                their `catchup`. State (the active commit, last valid versions, schedule times, run \
                records) is kept in the state folder and survives restarts. Ctrl-C or SIGTERM stops.
                """
        )

        @Option(help: "The repository to watch: a work tree or a bare repository (default: the enclosing one).")
        var repo: String?

        @Option(help: "The branch to watch.")
        var branch = "main"

        @Option(help: "The state folder (default: $RUNNEL_STATE, else <repo>/.runnel, or <repo>/runnel for a bare repository).")
        var state: String?

        @Option(help: "How often the branch tip is read, in seconds.")
        var pollInterval: Double = 1

        @Option(help: "The most runs running at once (also $RUNNEL_MAX_CONCURRENT_RUNS).")
        var maxConcurrentRuns: Int?

        @Option(help: "A file of NAME=value secret lines, kept outside the repository (also $RUNNEL_SECRETS_FILE).")
        var secretsFile: String?

        @Option(help: "Serve the HTTP API on this address (host:port).")
        var listen = "127.0.0.1:8080"

        @Option(help: "The address people reach the API at, for approval links in notifications (default: http://<listen>).")
        var publicURL: String?

        @Flag(help: "Don't serve the HTTP API.")
        var noAPI = false

        @Option(help: "The API keys file (default: <state>/keys.json); create keys with `runnel keys create`.")
        var keysFile: String?

        @Flag(help: "Serve the API without API keys: anyone who can reach the address can run workflows. For local use only.")
        var noAuth = false

        func validate() throws {
            guard pollInterval > 0, pollInterval <= 3600 else { throw ValidationError("--poll-interval must be between 0 and 3600 seconds") }
            guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be host:port, not '\(listen)'") }
            if let maxConcurrentRuns, maxConcurrentRuns < 1 { throw ValidationError("--max-concurrent-runs must be 1 or more") }
            if let publicURL, URL(string: publicURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                throw ValidationError("--public-url must be an http:// or https:// URL, not '\(publicURL)'")
            }
        }

        func run() async throws {
            let repository = URL(fileURLWithPath: repo ?? WorkflowFiles.repositoryRoot()).standardizedFileURL.path
            let environment = ProcessInfo.processInfo.environment
            let stateFolder = StateFolder.resolve(state) { repository }
            let limit = maxConcurrentRuns ?? environment["RUNNEL_MAX_CONCURRENT_RUNS"].flatMap(Int.init) ?? 10
            var options = EngineOptions()
            options.secretsFile = secretsFile
            let daemon: Daemon
            do {
                daemon = try Daemon(DaemonConfiguration(repository: repository, branch: branch, state: stateFolder,
                                                        pollInterval: .milliseconds(Int64(pollInterval * 1000)), maxConcurrentRuns: max(1, limit),
                                                        publicURL: publicURL ?? "http://\(listen)"),
                                    secrets: try options.secrets())
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError(description: "cannot serve \(repository): \(error)", exitStatus: 1)
            }
            let report: ReconcileReport
            do {
                report = try await daemon.start()
            } catch {
                throw CLIError(description: "cannot start: \(error)", exitStatus: 1)
            }
            log("watching \(branch) of \(repository); state in \(stateFolder)")
            if let commit = await daemon.activeCommit { log(ServeLog.reconciled(commit, report)) }
            let loop = Task { await daemon.run { activity in log(ServeLog.describe(activity)) } }
            var api: Task<Void, any Error>?
            if !noAPI, let address = ListenAddress(listen) {
                let keys = try Self.keys(keysFile ?? stateFolder + "/keys.json", noAuth: noAuth)
                if keys == nil { log("WARNING: --no-auth: the API on \(listen) takes requests from anyone who can reach it, with no key") }
                let app = Application(router: APIRoutes(daemon: daemon, keys: keys).router(),
                                      configuration: .init(address: .hostname(address.host, port: address.port)),
                                      onServerRunning: { channel in
                                          print("\(Date().formatted(.iso8601)) API on http://\(address.host):\(channel.localAddress?.port ?? address.port)")
                                          fflush(nil)
                                      })
                api = Task { try await app.run() }
            }
            let server = api
            let stop = Interrupt {
                loop.cancel()
                server?.cancel()
            }
            await loop.value
            if let server, case .failure(let error) = await server.result, !(error is CancellationError) {
                log("error: the API stopped: \(error)")
            }
            withExtendedLifetime(stop) {}
            log("stopped; unfinished runs resume at the next start")
        }

        /// The keys the API checks, or nil with --no-auth. A server with no key refuses to start.
        static func keys(_ path: String, noAuth: Bool) throws -> APIKeys? {
            if noAuth { return nil }
            let keys: APIKeys
            do {
                keys = try APIKeys(path: path)
            } catch {
                throw CLIError(description: "cannot read the keys file \(path): \(error)", exitStatus: 1)
            }
            guard keys.hasActiveKeys else {
                throw CLIError(description: "no API key in \(path): create one with `runnel keys create NAME --scopes read,run --keys-file \(path)`, or pass --no-auth (or --no-api)", exitStatus: 2)
            }
            return keys
        }

        private func log(_ line: String) {
            guard !line.isEmpty else { return }
            print("\(Date().formatted(.iso8601)) \(line)")
            fflush(nil)
        }
    }
}

/// The daemon's log lines.
enum ServeLog {
    static func describe(_ activity: Daemon.Activity) -> String {
        switch activity {
        case .reconciled(let commit, let report): reconciled(commit, report)
        case .failed(let message): "error: \(message)"
        case .scheduled(let records):
            records.map { record in
                let slot = record.trigger.details["slot"]?.stringValue ?? "?"
                return record.status == .skipped
                    ? "skipped \(record.workflowID) slot \(slot): \(record.error ?? "")"
                    : "run \(record.id) of \(record.workflowID) started for slot \(slot)"
            }.joined(separator: "\n")
        }
    }

    static func reconciled(_ commit: String, _ report: ReconcileReport) -> String {
        var parts: [String] = []
        if !report.activated.isEmpty { parts.append("activated \(report.activated.sorted().joined(separator: ", "))") }
        if !report.keptPrevious.isEmpty { parts.append("invalid, kept the previous version: \(report.keptPrevious.sorted().joined(separator: ", "))") }
        if !report.invalid.isEmpty { parts.append("invalid: \(report.invalid.sorted().joined(separator: ", "))") }
        if !report.deleted.isEmpty { parts.append("deleted \(report.deleted.sorted().joined(separator: ", "))") }
        if !report.renamed.isEmpty { parts.append("renamed " + report.renamed.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")) }
        return "commit \(commit.prefix(7)) active" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; "))
    }
}

/// `host:port` for `--listen`.
struct ListenAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        if host.isEmpty { return nil }
    }
}
