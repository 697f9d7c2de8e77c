import Foundation

/// A run store that also tells subscribers of every event as it is recorded (the CLI's live
/// progress, the API's SSE streams).
actor EventHub {
    private var subscribers: [String: [Int: AsyncStream<RunEvent>.Continuation]] = [:]
    private var nextID = 0
    /// The id of the last event published of each run followed, for its `step_log` events.
    private var lastEventIDs: [String: Int] = [:]

    /// Events of `runID` from now on; the stream ends when the run finishes.
    func subscribe(_ runID: String) -> AsyncStream<RunEvent> {
        let (stream, continuation) = AsyncStream<RunEvent>.makeStream(bufferingPolicy: .unbounded)
        nextID += 1
        let id = nextID
        subscribers[runID, default: [:]][id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(runID, id) } }
        return stream
    }

    private func unsubscribe(_ runID: String, _ id: Int) {
        subscribers[runID]?[id] = nil
        if subscribers[runID]?.isEmpty == true { subscribers[runID] = nil }
    }

    func publish(_ events: [RunEvent], runID: String) {
        if let last = events.last?.id { lastEventIDs[runID] = last }
        for event in events {
            guard let continuations = subscribers[runID]?.values else { return }
            for continuation in continuations { continuation.yield(event) }
            if event.endsRun {
                for continuation in continuations { continuation.finish() }
                subscribers[runID] = nil
                lastEventIDs[runID] = nil
            }
        }
    }

    /// Publishes log lines as `step_log` events, each with the id of the run's last event.
    func publish(_ lines: [StepLogLine], runID: String) {
        guard let continuations = subscribers[runID]?.values, !continuations.isEmpty else { return }
        let id = lastEventIDs[runID] ?? 0
        for line in lines {
            let event = line.event(eventID: id)
            for continuation in continuations { continuation.yield(event) }
        }
    }
}

/// Forwards to a store and publishes each appended event.
struct ObservedRunStore: RunStore {
    let base: any RunStore
    let hub: EventHub

    func create(_ record: RunRecord) async throws(RunStoreError) -> RunRecord { try await base.create(record) }

    func append(_ event: RunEvent, to runID: String) async throws(RunStoreError) -> RunEvent {
        let recorded = try await base.append(event, to: runID)
        await hub.publish([recorded], runID: runID)
        return recorded
    }

    func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent] {
        let recorded = try await base.append(contentsOf: events, to: runID)
        await hub.publish(recorded, runID: runID)
        return recorded
    }

    func record(_ runID: String) async -> RunRecord? { await base.record(runID) }
    func list(_ query: RunQuery) async -> RunPage { await base.list(query) }
    func countsByStatus() async -> [RunStatus: Int] { await base.countsByStatus() }
    func latestRuns(of workflowIDs: [String]) async -> [String: RunSummary] { await base.latestRuns(of: workflowIDs) }
    func events(of runID: String, after: Int) async throws(RunStoreError) -> [RunEvent] { try await base.events(of: runID, after: after) }
    func delete(_ runID: String) async throws(RunStoreError) { try await base.delete(runID) }
    func unfinished() async -> [RunRecord] { await base.unfinished() }

    func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine] {
        let recorded = try await base.appendLog(lines, to: runID)
        await hub.publish(recorded, runID: runID)
        return recorded
    }

    func log(of runID: String, step: String?, tail: Int?) async throws(RunStoreError) -> [StepLogLine] {
        try await base.log(of: runID, step: step, tail: tail)
    }
    func recordText(_ runID: String) async -> String? { await base.recordText(runID) }
    func prune(_ policy: RetentionPolicy, now: Date) async throws(RunStoreError) -> [String] { try await base.prune(policy, now: now) }
    func flush() async throws(RunStoreError) { try await base.flush() }
}
