import Foundation

/// The decisions of the reconcile service's loop, as a value: when the remote is fetched
/// (mirror mode: every fetch interval, or at once when a push hook asks), when the run store
/// is pruned (`retention:`, at most hourly), whether a branch tip needs a reconcile, and when
/// the loop wakes next. No fixed settle after a ref write: a push's later ref writes wake
/// the loop again, so it reads the tip as long as they continue and not longer.
struct ReconcileStateMachine: Sendable {
    /// What to do with a branch tip.
    enum TipDecision: Equatable, Sendable {
        /// Nothing: the branch is empty, at the active commit, or at a commit refused before.
        case none
        /// Reconcile this commit.
        case reconcile(String)
    }

    let mirror: Bool
    let fetchInterval: TimeInterval
    let pollInterval: TimeInterval
    /// How often `retention:` prunes the run store.
    static let pruneInterval: TimeInterval = 3600

    private(set) var nextFetch = Date.distantPast
    private(set) var fetchRequested = false
    private(set) var lastPrune: Date?

    init(mirror: Bool, fetchInterval: TimeInterval, pollInterval: TimeInterval) {
        self.mirror = mirror
        self.fetchInterval = fetchInterval
        self.pollInterval = pollInterval
    }

    /// A push hook asked for a fetch (requests while one is pending are one fetch).
    mutating func requestFetch() { fetchRequested = true }

    /// Whether to fetch now; when it says yes, the next one is due a fetch interval later.
    mutating func shouldFetch(now: Date) -> Bool {
        guard mirror, fetchRequested || now >= nextFetch else { return false }
        fetchRequested = false
        nextFetch = now.addingTimeInterval(fetchInterval)
        return true
    }

    /// Whether to prune now (`retention:` set): the first time, then once per ``pruneInterval``
    /// (and again when the clock went back).
    mutating func shouldPrune(now: Date, retains: Bool) -> Bool {
        guard retains else { return false }
        if let lastPrune, now.timeIntervalSince(lastPrune) < Self.pruneInterval, now >= lastPrune { return false }
        lastPrune = now
        return true
    }

    /// What to do with the branch's `tip`.
    static func decide(tip: String?, active: String?, refused: String?) -> TipDecision {
        guard let tip, tip != active, tip != refused else { return .none }
        return .reconcile(tip)
    }

    /// When the loop wakes next without a signal: the poll interval, or the next fetch if sooner.
    func nextWake(now: Date) -> Date {
        let poll = now.addingTimeInterval(pollInterval)
        return mirror ? min(poll, nextFetch) : poll
    }
}
