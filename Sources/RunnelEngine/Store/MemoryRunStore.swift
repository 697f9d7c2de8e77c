public import Foundation
import RunnelCore

/// A run store in memory, with the same behaviour as ``FileRunStore`` (one shared test suite
/// holds both to it) and the same query engine (``RunIndex``): for tests of other parts, and
/// the reference a new store is compared with.
public actor MemoryRunStore: RunStore {
    private var records: [String: RunRecord] = [:]
    private var logs: [String: [RunEvent]] = [:]
    private var index = RunIndex()
    /// Step log lines by run (MemoryRunStore+logs.swift).
    var stepLogs: [String: [StepLogLine]] = [:]

    /// An empty store.
    public init() {}

    public func create(_ record: RunRecord) async throws(RunStoreError) -> RunRecord {
        guard records[record.id] == nil else { throw .alreadyExists(record.id) }
        var record = record
        record.lastEventID = 0
        records[record.id] = record
        logs[record.id] = []
        index.upsert(RunSummary(record))
        let data = try? JSONParser.parse(record.jsonText(pretty: false))
        try await append(RunEvent(.runCreated, time: record.createdAt, data: data), to: record.id)
        return records[record.id] ?? record
    }

    @discardableResult
    public func append(_ event: RunEvent, to runID: String) async throws(RunStoreError) -> RunEvent {
        let recorded = try await append(contentsOf: [event], to: runID)
        return recorded.first ?? event
    }

    @discardableResult
    public func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent] {
        guard let lastEventID = records[runID]?.lastEventID else { throw .notFound(runID) }
        var recorded = events
        for index in recorded.indices {
            recorded[index].id = lastEventID + 1 + index
            records[runID]?.apply(recorded[index])
        }
        records[runID]?.lastEventID = lastEventID + recorded.count
        logs[runID, default: []] += recorded
        if let record = records[runID] { index.upsert(RunSummary(record)) }
        return recorded
    }

    public func record(_ runID: String) async -> RunRecord? { records[runID] }

    public func list(_ query: RunQuery) async -> RunPage { index.query(query) }

    public func countsByStatus() async -> [RunStatus: Int] { index.statusCounts }

    public func latestRuns(of workflowIDs: [String]) async -> [String: RunSummary] { index.latest(of: workflowIDs) }

    public func events(of runID: String, after: Int) async throws(RunStoreError) -> [RunEvent] {
        guard let events = logs[runID] else { throw .notFound(runID) }
        return events.filter { $0.id > after }
    }

    public func delete(_ runID: String) async throws(RunStoreError) {
        guard let record = records[runID] else { throw .notFound(runID) }
        guard record.status.isFinished else { throw .notFinished(runID) }
        forget([runID])
    }

    @discardableResult
    public func prune(_ policy: RetentionPolicy, now: Date = Date()) async throws(RunStoreError) -> [String] {
        let ids = index.prunable(policy, now: now)
        forget(ids)
        return ids
    }

    func hasRun(_ runID: String) -> Bool { records[runID] != nil }

    /// A memory store has nothing to recover: no run was unfinished when it was opened.
    public func unfinished() async -> [RunRecord] { [] }

    private func forget(_ ids: [String]) {
        for id in ids {
            records[id] = nil
            logs[id] = nil
            stepLogs[id] = nil
        }
        index.remove(Set(ids))
    }
}
