import Foundation
public import RunnelDaemon
import RunnelCore
public import RunnelEngine

/// The figures `GET /metrics` reports, and their Prometheus text exposition (format 0.0.4).
public struct MetricsSnapshot: Sendable {
    /// The content type of ``text``.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

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
    /// Step attempt durations by step type and outcome.
    public var stepDurations: [(key: StepTimings.Key, histogram: Histogram)]
    /// Reconcile durations.
    public var reconcileDurations: Histogram
    /// How late fired schedule slots started.
    public var scheduleLateness: Histogram

    /// Reads the figures from `daemon`.
    public init(daemon: DaemonServices) async {
        var runs: [(status: String, count: Int)] = []
        for status in RunStatus.allCases {
            runs.append((status.rawValue, await daemon.store.list(RunQuery(status: status, limit: 1)).total))
        }
        runsByStatus = runs
        running = await daemon.engine.runningRunIDs.count
        queued = await daemon.engine.queuedRunIDs.count
        var states = Dictionary(uniqueKeysWithValues: (WorkflowStatus.allCases.map(\.rawValue) + ["invalid"]).map { ($0, 0) })
        for entry in daemon.workflows.values { states[entry.state, default: 0] += 1 }
        workflowsByState = states.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        activeCommit = daemon.activeCommit
        schedules = await daemon.scheduler.scheduleCount
        stepDurations = daemon.engine.stepTimings.snapshot
        reconcileDurations = await daemon.reconciler.reconcileDurations
        scheduleLateness = await daemon.scheduler.scheduleLateness
    }

    /// The Prometheus text exposition: `# HELP` and `# TYPE` lines, then the samples.
    public var text: String {
        var lines: [String] = []
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: Int)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) gauge")
            for sample in samples { lines.append("\(name)\(sample.labels) \(sample.value)") }
        }
        family("runnel_runs", "Recorded runs by status.", runsByStatus.map { (Self.labels("status", $0.status), $0.count) })
        family("runnel_runs_running", "Runs executing now.", [("", running)])
        family("runnel_runs_queued", "Runs waiting for a free slot.", [("", queued)])
        family("runnel_workflows", "Workflows by state.", workflowsByState.map { (Self.labels("state", $0.state), $0.count) })
        family("runnel_active_commit_info", "The commit the daemon runs.", activeCommit.map { [(Self.labels("commit", $0), 1)] } ?? [])
        family("runnel_schedules", "Schedules registered.", [("", schedules)])
        func histograms(_ name: String, _ help: String, _ items: [(labels: String, histogram: Histogram)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) histogram")
            for item in items { lines += item.histogram.lines(name, labels: item.labels) }
        }
        histograms("runnel_step_duration_seconds", "Step attempt durations by step type and outcome.", stepDurations.map { item in
            (Self.pair("type", item.key.type) + "," + Self.pair("outcome", item.key.outcome), item.histogram)
        })
        histograms("runnel_reconcile_duration_seconds", "Time to reconcile a new commit.", [("", reconcileDurations)])
        histograms("runnel_schedule_lateness_seconds", "How late fired schedule slots started.", [("", scheduleLateness)])
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{name="value"}`, the value escaped as the format asks (backslash, quote, newline).
    static func labels(_ name: String, _ value: String) -> String {
        "{\(pair(name, value))}"
    }

    /// `name="value"`, the value escaped as the format asks (backslash, quote, newline).
    static func pair(_ name: String, _ value: String) -> String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\(name)=\"\(escaped)\""
    }
}
