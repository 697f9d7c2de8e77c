public import Logging
public import MCP

/// Sends `notifications/tools/list_changed` when the set of workflow tools changes (a push
/// that adds, removes or edits a workflow with `on.mcp`): it compares the tools every
/// `interval`. Only for transports that keep a session (stdio); stateless HTTP has no channel back.
public struct ToolListWatcher: Sendable {
    let server: RunnelMCPServer
    let interval: Duration
    let logger: Logger

    /// A watcher of `server`'s workflow tools.
    public init(server: RunnelMCPServer, interval: Duration = .seconds(2), logger: Logger = Logger(label: "runnel.mcp")) {
        self.server = server
        self.interval = interval
        self.logger = logger
    }

    /// Compares until cancelled; each change is one notification on `session`.
    public func run(notifying session: Server) async {
        var last = await snapshot()
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let now = await snapshot()
            guard let now, now != last else { continue }
            if last != nil {
                do {
                    try await session.notify(ToolListChangedNotification.message())
                    logger.debug("mcp tools changed", metadata: ["mcp.tools": "\(now.count)"])
                } catch {
                    logger.warning("mcp notification failed", metadata: ["error": "\(error)"])
                }
            }
            last = now
        }
    }

    /// The workflow tools as listed (nil when they can't be read now: no change is said then).
    private func snapshot() async -> [Tool]? {
        do {
            return try await server.workflowTools().map(\.listed)
        } catch {
            logger.debug("mcp tools unreadable", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
