/// What the executor has recorded of a run: the `steps` context, current with every event
/// the moment it is added, and the events not yet handed to the store. The executor flushes
/// before it acts on them (before a step's task starts, before the next decisions), so an
/// event that ends a step is durable before its dependants start.
struct RunJournal: Sendable {
    private(set) var steps: StepsContext
    private var unwritten: [RunEvent] = []

    init(_ steps: StepsContext) {
        self.steps = steps
    }

    /// Adds an event to record.
    mutating func add(_ event: RunEvent) {
        steps.apply(event)
        unwritten.append(event)
    }

    /// Appends the events added since the last flush in one batch (one sync).
    mutating func flush(to store: any RunStore, runID: String) async {
        guard !unwritten.isEmpty else { return }
        let events = unwritten
        unwritten.removeAll()
        await store.appendOrLog(contentsOf: events, to: runID)
    }
}
