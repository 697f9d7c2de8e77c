/// Where a run is in its lifecycle:
/// `queued → running → (awaiting_approval | paused) → running → completed | failed | cancelled`,
/// or `skipped` for a scheduled slot that did not run (the record says why).
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, running
    case awaitingApproval = "awaiting_approval"
    case paused, completed, failed, cancelled, skipped

    /// Whether the run has ended for good (resume may still restart a failed one).
    public var isFinished: Bool { self == .completed || self == .failed || self == .cancelled || self == .skipped }
}

/// Where a step is: `pending → running → completed | failed | skipped | cancelled`.
public enum StepStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, running, completed, failed, skipped, cancelled

    /// Whether the step has ended.
    public var isFinished: Bool { self != .pending && self != .running }
}
