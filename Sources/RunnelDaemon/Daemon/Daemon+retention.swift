import Foundation
import RunnelEngine

extension Daemon {
    /// How often `runnel.yaml`'s `retention:` prunes the run store.
    static let pruneInterval: TimeInterval = 3600

    /// Prunes the finished runs `retention:` lets go, at most once per ``pruneInterval``
    /// (the first time at the first loop). Returns a problem to report when pruning failed.
    func pruneIfDue(now: Date) async -> String? {
        guard let policy = settings.retention, !policy.keepsEverything else { return nil }
        if let lastPrune, now.timeIntervalSince(lastPrune) < Self.pruneInterval, now >= lastPrune { return nil }
        lastPrune = now
        do {
            try await store.prune(policy, now: now)
            return nil
        } catch {
            return "retention: cannot prune the run store: \(error)"
        }
    }
}
