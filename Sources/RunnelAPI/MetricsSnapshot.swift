import Foundation
public import RunnelDaemon
import RunnelCore
public import RunnelEngine

/// The figures `GET /metrics` reads at each scrape (one read of the store for the run counts),
/// set as gauges on the engine's ``RunnelMetrics`` beside the durations it records.
public struct MetricsSnapshot: Sendable {
    /// The content type of the exposition.
    public static let contentType = RunnelMetrics.contentType

    /// Recorded runs by status (every status, zeros included), in status order.
    public var runsByStatus: [(status: String, count: Int)]
    /// Runs executing now.
    public var running: Int
    /// Runs waiting for a free slot.
    public var queued: Int
    /// Workflows by state (draft, active, paused, archived, invalid; zeros included).
    public var workflowsByState: [(state: String, count: Int)]
    /// The commit the daemon runs, when it has one.
    public var activeCommit: String?
    /// Schedules registered with the scheduler.
    public var schedules: Int

    /// Reads the figures from `daemon`.
    public init(daemon: DaemonServices) async {
        let counts = await daemon.store.countsByStatus()
        runsByStatus = RunStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) }
        running = await daemon.engine.runningRunIDs.count
        queued = await daemon.engine.queuedRunIDs.count
        let snapshot = daemon.snapshot
        var states = Dictionary(uniqueKeysWithValues: (WorkflowStatus.allCases.map(\.rawValue) + ["invalid"]).map { ($0, 0) })
        for entry in snapshot.workflows.values { states[entry.state, default: 0] += 1 }
        workflowsByState = states.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        activeCommit = snapshot.activeCommit
        schedules = await daemon.scheduler.scheduleCount
    }

    /// Sets the figures as gauges on `metrics` and returns its Prometheus text exposition.
    public func exposition(_ metrics: RunnelMetrics) -> [UInt8] {
        for (status, count) in runsByStatus {
            metrics.set("runnel_runs", help: "Recorded runs by status.", labels: [("status", status)], to: count)
        }
        metrics.set("runnel_runs_running", help: "Runs executing now.", to: running)
        metrics.set("runnel_runs_queued", help: "Runs waiting for a free slot.", to: queued)
        for (state, count) in workflowsByState {
            metrics.set("runnel_workflows", help: "Workflows by state.", labels: [("state", state)], to: count)
        }
        metrics.setInfo("runnel_active_commit_info", help: "The commit the daemon runs.", label: "commit", value: activeCommit)
        metrics.set("runnel_schedules", help: "Schedules registered.", to: schedules)
        return metrics.exposition()
    }
}
