import Foundation
import Synchronization

/// Work spread over every core: the one way the loaders and the validator go parallel
/// (`runnel validate`, `runnel check`, the daemon's reconcile).
public enum Parallel {
    /// `transform` of each index in `0..<count`, computed on every core, in index order.
    /// Each worker takes every n-th index and hands its results over once, under one lock.
    public static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let slots = Mutex([T?](repeating: nil, count: count))
        let workers = Swift.max(1, Swift.min(count, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var mine: [(Int, T)] = []
            for index in stride(from: worker, to: count, by: workers) { mine.append((index, transform(index))) }
            slots.withLock { slots in for (index, value) in mine { slots[index] = value } }
        }
        return slots.withLock { $0.compactMap { $0 } }
    }
}
