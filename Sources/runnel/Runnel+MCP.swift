import ArgumentParser
import Foundation
import Logging
import MCP
import RunnelAPI
import RunnelDaemon
import RunnelMCP
import ServiceLifecycle

extension Runnel {
    struct MCPServe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mcp",
            abstract: "Serve Runnel's MCP tools over stdio, for AI agents and desktop clients (docs/mcp.md).",
            discussion: """
                With --api, the tools call a running daemon's HTTP API with the key in $RUNNEL_API_KEY \
                (the daemon checks its scopes). Without it, this process watches the repository's branch \
                itself, as `runnel serve --no-api` does, and runs what the tools start. stdout carries \
                JSON-RPC only; log lines go to stderr. Ends when stdin closes.
                """
        )

        @Option(help: "A running daemon's API (http://127.0.0.1:8080); its key comes from $RUNNEL_API_KEY.")
        var api: String?

        @Option(help: "Without --api: the repository to watch (default: the enclosing one).")
        var repo: String?

        @Option(help: "Without --api: the branch to watch.")
        var branch = "main"

        @Option(help: "Without --api: the state folder (default: $RUNNEL_STATE, else <repo>/.runnel).")
        var state: String?

        @Option(help: "Without --api: a file of NAME=value secret lines (also $RUNNEL_SECRETS_FILE).")
        var secretsFile: String?

        @Option(help: "How often the workflow tools are compared, to send tools/list_changed, in seconds.")
        var toolPollInterval: Double = 2

        func validate() throws {
            if let api, URL(string: api)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                throw ValidationError("--api must be an http:// or https:// URL, not '\(api)'")
            }
            guard toolPollInterval.isFinite, toolPollInterval >= 0.1, toolPollInterval <= 3600 else {
                throw ValidationError("--tool-poll-interval must be from 0.1 to 3600 seconds")
            }
        }

        func run() async throws {
            // stdout is the protocol's: every library's log line goes to stderr.
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .warning
                return handler
            }
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
            let operations: any RunnelOperations
            if let api {
                let key = ProcessInfo.processInfo.environment["RUNNEL_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
                if key == nil { Self.log("warning: RUNNEL_API_KEY is not set: the API will refuse the tools unless it runs with --no-auth") }
                operations = APIOperations(transport: HTTPAPITransport(base: api, key: key))
            } else {
                let daemon = try await startDaemon()
                operations = APIRoutes(daemon: daemon, keys: nil).localOperations()
                services += daemon.services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
            }
            let interval = Duration.milliseconds(Int64((toolPollInterval * 1000).rounded()))
            services.append(.init(service: StdioMCPService(server: RunnelMCPServer(operations: operations, version: Version.number), pollInterval: interval),
                                  successTerminationBehavior: .gracefullyShutdownGroup))
            var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Serve.quietLogger)
            group.maximumGracefulShutdownDuration = .seconds(20)
            do {
                try await ServiceGroup(configuration: group).run()
            } catch {
                throw CLIError(description: "mcp stopped: \(error)", exitStatus: 1)
            }
        }

        /// The daemon over the local repository, reconciled once (as `runnel serve --no-api` starts it).
        private func startDaemon() async throws -> DaemonServices {
            let repository = URL(fileURLWithPath: repo ?? WorkflowFiles.repositoryRoot()).standardizedFileURL.path
            let stateFolder = StateFolder.resolve(state) { repository }
            var options = EngineOptions()
            options.secretsFile = secretsFile
            do {
                let daemon = try DaemonServices(DaemonConfiguration(repository: repository, branch: branch, state: stateFolder), secrets: try options.secrets(),
                                                grace: .seconds(10), logger: Logger(label: "runnel"))
                _ = try await daemon.start()
                Self.log("watching \(branch) of \(repository); state in \(stateFolder)")
                return daemon
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError(description: "cannot serve \(repository): \(error)", exitStatus: 1)
            }
        }

        /// A log line, on stderr (stdout is the protocol's).
        static func log(_ text: String) {
            FileHandle.standardError.write(Data("\(Date().formatted(.iso8601)) \(text)\n".utf8))
        }
    }
}

/// The MCP server on stdin/stdout, with the workflow-tool watcher; ends when stdin closes.
struct StdioMCPService: Service {
    let server: RunnelMCPServer
    let pollInterval: Duration

    func run() async throws {
        let session = await server.makeServer(listChanged: true)
        try await session.start(transport: StdioTransport())
        let watcher = ToolListWatcher(server: server, interval: pollInterval)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await watcher.run(notifying: session) }
            await withGracefulShutdownHandler {
                await session.waitUntilCompleted()
            } onGracefulShutdown: {
                Task { await session.stop() }
            }
            group.cancelAll()
        }
        await session.stop()
    }
}
