/// A histogram kept in process: how many observations fell at or below each bound, their sum
/// and their count, for figures read back (the bench, quantiles). `/metrics` reports the
/// Prometheus histograms of ``RunnelMetrics``.
public struct Histogram: Sendable, Equatable {
    /// Upper bounds in seconds, for durations from a millisecond to minutes.
    public static let durationBounds: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]

    /// The upper bounds, ascending (`+Inf` is implied).
    public let bounds: [Double]
    /// Observations per bucket (not cumulative); the last one is above every bound.
    public private(set) var counts: [Int]
    public private(set) var sum: Double = 0
    public private(set) var count = 0

    public init(bounds: [Double] = Histogram.durationBounds) {
        self.bounds = bounds
        counts = Array(repeating: 0, count: bounds.count + 1)
    }

    public mutating func observe(_ value: Double) {
        let index = bounds.firstIndex { value <= $0 } ?? bounds.count
        counts[index] += 1
        sum += value
        count += 1
    }

    /// The smallest bound at or below which at least `quantile` of the observations fell
    /// (as Prometheus' `histogram_quantile` reads buckets: an upper bound, not an exact value);
    /// nil without observations or when they fall above every bound.
    public func upperBound(ofQuantile quantile: Double) -> Double? {
        guard count > 0 else { return nil }
        var cumulative = 0
        for (index, bound) in bounds.enumerated() {
            cumulative += counts[index]
            if Double(cumulative) >= quantile * Double(count) { return bound }
        }
        return nil
    }
}
