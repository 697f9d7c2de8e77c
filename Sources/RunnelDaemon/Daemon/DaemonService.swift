public import RunnelEngine
public import ServiceLifecycle

/// The daemon as a service of a `ServiceGroup`: runs its loop until the group shuts down,
/// then stops its runs within the grace period (``Daemon/shutdown(grace:)``).
public struct DaemonService: Service {
    let daemon: Daemon
    let grace: Duration
    let report: @Sendable (Daemon.Activity) -> Void

    /// - Parameters:
    ///   - grace: How long running steps may take to end after the shutdown begins.
    ///   - report: Hears what the loop does, and the runs left unfinished at the end.
    public init(_ daemon: Daemon, grace: Duration, report: @escaping @Sendable (Daemon.Activity) -> Void) {
        self.daemon = daemon
        self.grace = grace
        self.report = report
    }

    public func run() async throws {
        let loop = Task { [daemon, report] in await daemon.run(report) }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler { await loop.value } onCancel: { loop.cancel() }
        } onGracefulShutdown: {
            loop.cancel()
        }
        report(.stopped(unfinished: await daemon.shutdown(grace: grace)))
    }
}
