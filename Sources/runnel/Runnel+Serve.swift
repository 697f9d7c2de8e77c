import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelDashboard
import RunnelEngine
import RunnelPostgres
import ServiceLifecycle

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

        @Option(help: "Mirror mode: fetch the branch from this repository (URL or path) into a local mirror (--repo, default <state>/mirror.git); API writes are refused.")
        var remote: String?

        @Option(help: "Mirror mode: how often the remote is fetched, in seconds (also at once on POST /hooks/git).")
        var fetchInterval: Double = 30

        @Option(help: "Mirror mode: the secret (by name) that GitHub (X-Hub-Signature-256) or GitLab (X-Gitlab-Token) push hooks carry.")
        var gitHookSecret: String?

        @Option(help: "The branch to watch.")
        var branch = "main"

        @Option(help: "The state folder (default: $RUNNEL_STATE, else <repo>/.runnel, or <repo>/runnel for a bare repository).")
        var state: String?

        @Option(help: "How often the branch tip is read, in seconds.")
        var pollInterval: Double = 1

        @Option(help: "The most runs running at once (also $RUNNEL_MAX_CONCURRENT_RUNS; default: max_concurrent_runs of runnel.yaml, else 10).")
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

        @Option(help: "On SIGTERM, how long running steps may take to end, in seconds; the others resume at the next start.")
        var gracePeriod: Double = 30

        @Option(help: "How log lines are written: text (a timestamp and a line) or json (one object per line: time, level, message, event and its runnel.* fields).")
        var logFormat: ServeLogFormat = .text

        @Option(help: "The least level logged: trace, debug, info, notice, warning, error or critical.")
        var logLevel: Logger.Level = .info

        @Flag(help: "Serve the API without API keys: anyone who can reach the address can run workflows. For local use only.")
        var noAuth = false

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard pollInterval > 0, pollInterval <= 3600 else { throw ValidationError("--poll-interval must be more than 0 and at most 3600 seconds") }
            guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be host:port, not '\(listen)'") }
            guard fetchInterval >= 1, fetchInterval <= 86_400 else { throw ValidationError("--fetch-interval must be between 1 and 86400 seconds") }
            if remote == nil, gitHookSecret != nil { throw ValidationError("--git-hook-secret needs --remote (mirror mode)") }
            guard gracePeriod >= 0, gracePeriod <= 3600 else { throw ValidationError("--grace-period must be between 0 and 3600 seconds") }
            if let maxConcurrentRuns, maxConcurrentRuns < 1 { throw ValidationError("--max-concurrent-runs must be 1 or more") }
            if let publicURL, URL(string: publicURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                throw ValidationError("--public-url must be an http:// or https:// URL, not '\(publicURL)'")
            }
        }

        func run() async throws {
            // Cluster mode: runs in PostgreSQL (migrated at start), the pool open while serving.
            guard let url = try database.url() else { return try await serve(store: nil, database: nil) }
            try await RunStoreFactory.with(.database(url), logger: Self.quietLogger) { store, database in
                try await self.serve(store: store, database: database)
            }
        }

        /// Serves with runs in `store` (nil: the state folder's file store) and, with a
        /// database, the webhook deliveries there too.
        func serve(store: (any RunStore)?, database: RunnelDatabase?) async throws {
            let environment = ProcessInfo.processInfo.environment
            let (json, level) = (logFormat == .json, logLevel)
            LoggingSystem.bootstrap { _ in ServeLogHandler(json: json, level: level) }
            let log = Logger(label: "runnel")
            let repository: String
            let stateFolder: String
            if remote != nil {
                // Mirror mode: the branch is fetched into a bare mirror (in the state folder by default).
                stateFolder = StateFolder.resolve(state) { FileManager.default.currentDirectoryPath }
                repository = URL(fileURLWithPath: repo ?? stateFolder + "/mirror.git").standardizedFileURL.path
            } else {
                repository = URL(fileURLWithPath: repo ?? WorkflowFiles.repositoryRoot()).standardizedFileURL.path
                stateFolder = StateFolder.resolve(state) { repository }
            }
            let limit = maxConcurrentRuns ?? environment["RUNNEL_MAX_CONCURRENT_RUNS"].flatMap(Int.init)
            var options = EngineOptions()
            options.secretsFile = secretsFile
            // Refused before anything is read or written: a server with no key doesn't start.
            // Cluster mode: the keys are in the database, for every node at once.
            let keyStore: PostgresAPIKeyStore? = noAPI || noAuth ? nil : database.map { PostgresAPIKeyStore($0) }
            if let keyStore { try await Self.requireActiveKey(keyStore) }
            let keys = noAPI || keyStore != nil ? nil : try Self.keys(keysFile ?? stateFolder + "/keys.json", noAuth: noAuth)
            // A taken port is said before anything is reconciled (the API binds it after the start).
            if !noAPI, let problem = ListenAddress(listen)?.bindProblem() {
                throw CLIError(description: problem, exitStatus: 1)
            }
            let grace = Duration.milliseconds(Int64(gracePeriod * 1000))
            let daemon: DaemonServices
            do {
                var configuration = DaemonConfiguration(repository: repository, branch: branch, state: stateFolder,
                                                        pollInterval: .milliseconds(Int64(pollInterval * 1000)),
                                                        maxConcurrentRuns: limit.map { max(1, $0) })
                configuration.remote = remote
                configuration.fetchInterval = .milliseconds(Int64(fetchInterval * 1000))
                configuration.gitHookSecret = gitHookSecret
                configuration.publicURL = publicURL ?? "http://\(listen)"
                if let database { configuration.approvalKey = try await PostgresApprovalKeyStore(database).key() }
                daemon = try DaemonServices(configuration, secrets: try options.secrets(), store: store, grace: grace, logger: log)
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError(description: "cannot serve \(repository): \(error)", exitStatus: 1)
            }
            if let remote {
                log.info("\(ServeLog.Event.mirroring.rawValue)", metadata: [
                    ServeLog.branch: .string(branch), ServeLog.remote: .string(remote), ServeLog.repository: .string(repository),
                    ServeLog.interval: .string(Duration.milliseconds(Int64(fetchInterval * 1000)).compactDescription),
                    ServeLog.state: .string(stateFolder),
                ])
            } else {
                log.info("\(ServeLog.Event.watching.rawValue)", metadata: [
                    ServeLog.branch: .string(branch), ServeLog.repository: .string(repository), ServeLog.state: .string(stateFolder),
                ])
            }
            do {
                // Logs the active commit (and a mirror's fetch problem) itself.
                _ = try await daemon.start()
            } catch {
                throw CLIError(description: "cannot start: \(error)", exitStatus: 1)
            }
            if let database { log.info("\(ServeLog.Event.database.rawValue)", metadata: [ServeLog.address: .string("\(database.url)")]) }
            // In dependency order: the group stops them in reverse, the API first.
            var services = daemon.services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
            if !noAPI, let address = ListenAddress(listen) {
                if keys == nil, keyStore == nil { log.warning("\(ServeLog.Event.noAuth.rawValue)", metadata: [ServeLog.address: .string(listen)]) }
                let api = APIRoutes(daemon: daemon, keys: keys, deliveries: database.map { PostgresDeliveryStore($0) }, keyStore: keyStore)
                let secure = (publicURL ?? "").lowercased().hasPrefix("https://")
                // The dashboard signs in against the keys file; with the keys in a database it is not mounted yet.
                let router = database == nil ? Dashboard(daemon: daemon, api: api, keys: keys, secureCookies: secure).router() : api.router()
                let app = Application(router: router,
                                      configuration: .init(address: .hostname(address.host, port: address.port)),
                                      onServerRunning: { channel in
                                          let url = "http://\(address.host):\(channel.localAddress?.port ?? address.port)"
                                          log.info("\(ServeLog.Event.listening.rawValue)", metadata: [ServeLog.address: .string(url)])
                                          if database == nil { log.info("\(ServeLog.Event.dashboard.rawValue)", metadata: [ServeLog.address: .string(url + "/dashboard")]) }
                                      },
                                      logger: Self.quietLogger)
                services.append(.init(service: app))
            }
            // SIGTERM or Ctrl-C: the API stops first (services stop in reverse order), then the
            // reconciler and the scheduler; the launcher lets running steps end within the grace
            // period; notifications drain last. Past the grace (and a margin) the group is cancelled.
            var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                  logger: Self.quietLogger)
            group.maximumGracefulShutdownDuration = grace + .seconds(10)
            do {
                try await ServiceGroup(configuration: group).run()
            } catch {
                // The API could not listen (a taken port) or a service failed: not a clean stop.
                throw CLIError(description: "serve stopped: \(error)", exitStatus: 1)
            }
        }

        /// Logs of the libraries: warnings and errors only (the daemon logs its own lines).
        static var quietLogger: Logger {
            var logger = Logger(label: "runnel")
            logger.logLevel = .warning
            return logger
        }

        /// Refuses to start when the database holds no active key.
        static func requireActiveKey(_ store: any APIKeyStore) async throws {
            let active: Bool
            do { active = try await store.hasActiveKeys() } catch {
                throw CLIError(description: error.description, exitStatus: 1)
            }
            guard active else {
                throw CLIError(description: "no API key in the database: create one with `runnel keys create NAME --scopes read,run --database URL`, or pass --no-auth (or --no-api)", exitStatus: 2)
            }
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


    }
}
