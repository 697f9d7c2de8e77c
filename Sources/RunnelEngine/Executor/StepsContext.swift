import RunnelCore

/// The `steps` context of a run (each step's latest output, status, error and attempt), kept
/// current by the executor from the events it records, so that a step start does not rebuild
/// it from the whole record. It applies events as ``RunRecord/apply(_:)`` does.
struct StepsContext: Sendable {
    private var runs: [String: StepRun] = [:]
    /// Step id → what expressions see as `steps.<id>`.
    private(set) var value: [String: JSONValue] = [:]

    /// The context of `record`'s steps.
    init(_ record: RunRecord) {
        for run in record.stepRuns { update(run) }
    }

    /// Applies an event the executor records (events of other kinds change nothing).
    mutating func apply(_ event: RunEvent) {
        guard let id = event.stepID, Self.changesStep(event.kind) else { return }
        var run = runs[id] ?? StepRun(pending: id)
        run.apply(event)
        update(run)
    }

    private mutating func update(_ run: StepRun) {
        runs[run.stepID] = run
        value[run.stepID] = [
            "output": run.output ?? .null,
            "status": .string(run.status.rawValue),
            "error": run.error.map(JSONValue.string) ?? .null,
            "attempt": .number(Double(run.attempt)),
        ]
    }

    private static func changesStep(_ kind: RunEvent.Kind) -> Bool {
        switch kind {
        case .stepStarted, .stepCompleted, .stepFailed, .stepCancelled, .stepRetrying, .stepSkipped: true
        default: false
        }
    }
}
