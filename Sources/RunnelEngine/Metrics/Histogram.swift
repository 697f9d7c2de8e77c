/// A Prometheus histogram: how many observations fell at or below each bound, their sum
/// and their count.
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

    /// The exposition lines of the histogram `name` with `labels` (`key="value"` pairs,
    /// already escaped, comma-separated; empty for none).
    public func lines(_ name: String, labels: String = "") -> [String] {
        let prefix = labels.isEmpty ? "" : labels + ","
        var lines: [String] = []
        var cumulative = 0
        for (index, bound) in bounds.enumerated() {
            cumulative += counts[index]
            lines.append("\(name)_bucket{\(prefix)le=\"\(Self.format(bound))\"} \(cumulative)")
        }
        lines.append("\(name)_bucket{\(prefix)le=\"+Inf\"} \(count)")
        let plain = labels.isEmpty ? "" : "{\(labels)}"
        lines.append("\(name)_sum\(plain) \(Self.format(sum))")
        lines.append("\(name)_count\(plain) \(count)")
        return lines
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
