public import RunnelCore

/// The one owner of admission under a workflow's `concurrency` policy: which runs hold a
/// place (being recorded, queued or running) and what a new run gets. Deciding and counting
/// the new run are one synchronous step, so concurrent starts (API, events, webhooks,
/// schedules, child runs) can never all see a free place: with `limit: 1, on_conflict:
/// reject`, exactly one of any number of simultaneous starts is admitted.
public struct AdmissionStateMachine: Sendable {
    /// What a new run gets.
    public enum Decision: Sendable, Equatable {
        /// It is admitted (it may still queue for a slot).
        case admit
        /// It is admitted, and these runs of its workflow (oldest first) are to be cancelled.
        case admitCancelling([String])
        /// It is refused: its workflow already holds `current` places of `limit`.
        case reject(current: Int, limit: Int)
    }

    /// Run ids holding a place, by workflow id, oldest first.
    private var holders: [String: [String]] = [:]

    /// Creates an empty state: no run holds a place.
    public init() {}

    /// Decides on run `runID` of `workflowID` under `policy`, and unless it is rejected counts
    /// it at once.
    public mutating func admit(_ runID: String, workflowID: String, policy: ConcurrencyPolicy?) -> Decision {
        let current = holders[workflowID, default: []]
        var decision = Decision.admit
        if let policy, current.count >= policy.limit {
            switch policy.onConflict {
            case .reject: return .reject(current: current.count, limit: policy.limit)
            case .cancelRunning: decision = .admitCancelling(current)
            case .queue: break
            }
        }
        holders[workflowID, default: []].append(runID)
        return decision
    }

    /// Counts a run that comes back without a new decision (a resume, a recovered run).
    public mutating func hold(_ runID: String, workflowID: String) {
        if holders[workflowID]?.contains(runID) == true { return }
        holders[workflowID, default: []].append(runID)
    }

    /// Frees the place of a run that ended, was cancelled before it started, or could not be recorded.
    public mutating func release(_ runID: String, workflowID: String) {
        holders[workflowID]?.removeAll { $0 == runID }
        if holders[workflowID]?.isEmpty == true { holders[workflowID] = nil }
    }

    /// How many places `workflowID`'s runs hold.
    public func count(_ workflowID: String) -> Int { holders[workflowID]?.count ?? 0 }
}
