import CoreMetrics
import Prometheus
import Synchronization

/// Runnel's metrics in one Prometheus registry (swift-prometheus): durations are recorded as
/// they happen through swift-metrics timers, figures read at a scrape are set as gauges, and
/// ``exposition()`` is what `GET /metrics` answers. Each engine has its own (no global
/// bootstrap), so daemons in one process don't mix their figures.
public final class RunnelMetrics: Sendable {
    /// The content type of ``exposition()`` (the text format 0.0.4).
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// The bounds of ``scheduleLateness``, in seconds.
    public static let latenessBounds: [Double] = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300]

    static let stepDuration = "runnel_step_duration_seconds"
    static let reconcileDuration = "runnel_reconcile_duration_seconds"
    static let scheduleLatenessName = "runnel_schedule_lateness_seconds"

    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let reconcileTimer: CoreMetrics.Timer
    private let latenessTimer: CoreMetrics.Timer
    /// The in-process copies of the daemon's two histograms (for the bench and `runnel status`).
    private let figures = Mutex((reconciles: Histogram(), lateness: Histogram(bounds: RunnelMetrics.latenessBounds)))
    /// The label value each info gauge has now, by name: a sample of an older value is removed.
    private let infos = Mutex<[String: String]>([:])

    /// An empty registry with Runnel's histogram buckets.
    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let durations = Histogram.durationBounds.map { Duration.seconds($0) }
        factory.durationHistogramBuckets = [
            Self.stepDuration: durations, Self.reconcileDuration: durations,
            Self.scheduleLatenessName: Self.latenessBounds.map { Duration.seconds($0) },
        ]
        self.factory = factory
        // Made now, so that both appear (at zero) before anything is recorded.
        reconcileTimer = CoreMetrics.Timer(label: Self.reconcileDuration, factory: factory)
        latenessTimer = CoreMetrics.Timer(label: Self.scheduleLatenessName, factory: factory)
    }

    /// Records how long a step attempt took, by step type and outcome (`completed`, `failed`).
    func recordStep(type: String, outcome: String, seconds: Double) {
        CoreMetrics.Timer(label: Self.stepDuration, dimensions: [("type", type), ("outcome", outcome)], factory: factory)
            .recordSeconds(seconds)
    }

    /// Records how long a reconcile of a new commit took.
    public func recordReconcile(seconds: Double) {
        reconcileTimer.recordSeconds(seconds)
        figures.withLock { $0.reconciles.observe(seconds) }
    }

    /// Records how late a fired schedule slot started.
    public func recordScheduleLateness(seconds: Double) {
        latenessTimer.recordSeconds(seconds)
        figures.withLock { $0.lateness.observe(seconds) }
    }

    /// The reconcile durations so far, in seconds.
    public var reconcileDurations: Histogram { figures.withLock { $0.reconciles } }

    /// How late fired schedule slots started so far, in seconds.
    public var scheduleLateness: Histogram { figures.withLock { $0.lateness } }

    /// Sets gauge `name` with `labels` to `value` (made on first use, described by `help`).
    public func set(_ name: String, help: String, labels: [(String, String)] = [], to value: Int) {
        registry.makeGauge(name: name, labels: labels, help: help).set(to: Double(value))
    }

    /// Sets info gauge `name` to 1 with `label` = `value` and removes the sample of its previous
    /// value (nil: no sample).
    public func setInfo(_ name: String, help: String, label: String, value: String?) {
        infos.withLock { infos in
            if let old = infos[name], old != value {
                registry.unregisterGauge(registry.makeGauge(name: name, labels: [(label, old)], help: help))
            }
            infos[name] = value
            if let value { registry.makeGauge(name: name, labels: [(label, value)], help: help).set(to: 1) }
        }
    }

    /// The Prometheus text exposition of every metric: `# HELP` and `# TYPE` lines, then the samples.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
