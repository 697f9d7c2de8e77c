import Synchronization

/// How long step attempts took, by step type and outcome (`completed`, `failed`), for
/// `/metrics`. Filled by the run loops from any thread.
public final class StepTimings: Sendable {
    private let histograms = Mutex<[Key: Histogram]>([:])

    /// A step type and an outcome.
    public struct Key: Sendable, Hashable, Comparable {
        public var type: String
        public var outcome: String

        public static func < (a: Key, b: Key) -> Bool { (a.type, a.outcome) < (b.type, b.outcome) }
    }

    public init() {}

    func observe(type: String, outcome: String, seconds: Double) {
        histograms.withLock { $0[Key(type: type, outcome: outcome), default: Histogram()].observe(seconds) }
    }

    /// Every histogram so far, by key.
    public var snapshot: [(key: Key, histogram: Histogram)] {
        histograms.withLock { $0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
