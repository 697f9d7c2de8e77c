public import Foundation

/// Where runs are recorded. ``FileRunStore`` is the real one; ``MemoryRunStore`` keeps runs in
/// memory (tests of other parts). Both pass one shared test suite (`RunStoreContractTests`).
public protocol RunStore: Sendable {
    /// Records a new run (status `queued`) and logs `run_created`.
    func create(_ record: RunRecord) async throws(RunStoreError) -> RunRecord
    /// Appends an event to a run's log and applies it to the record. When it returns, the
    /// event is durable (for events that end a step or change the run's status).
    @discardableResult
    func append(_ event: RunEvent, to runID: String) async throws(RunStoreError) -> RunEvent
    /// Appends events in order, as ``append(_:to:)`` each; a store may write and sync them
    /// together. When it returns, they are durable (as for ``append(_:to:)``).
    @discardableResult
    func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent]
    /// The current record of a run.
    func record(_ runID: String) async -> RunRecord?
    /// The record as compact JSON (``RunRecord/jsonText(pretty:)``), as the API answers it;
    /// nil for an unknown run.
    func recordText(_ runID: String) async -> String?
    /// Runs matching `query`, newest first: every filter, the time range, the offset and the
    /// cursor are answered from indexes, never by reading records.
    func list(_ query: RunQuery) async -> RunPage
    /// How many runs are recorded in each status (every status, zeros included), in one read.
    func countsByStatus() async -> [RunStatus: Int]
    /// The newest run of each of `workflowIDs` that has one, in one read.
    func latestRuns(of workflowIDs: [String]) async -> [String: RunSummary]
    /// The events of a run with an id greater than `after`, in order.
    func events(of runID: String, after: Int) async throws(RunStoreError) -> [RunEvent]
    /// Deletes a finished run's record and log.
    func delete(_ runID: String) async throws(RunStoreError)
    /// Deletes the finished runs `policy` lets go (records, logs and index entries) and
    /// returns their ids, oldest first. Unfinished runs are never pruned.
    @discardableResult
    func prune(_ policy: RetentionPolicy, now: Date) async throws(RunStoreError) -> [String]
    /// Runs that were not finished when the store was opened (for recovery).
    func unfinished() async -> [RunRecord]
    /// Appends lines to a run's step logs, in order, and returns them with their `seq`.
    /// Logs are not a durability point (no sync); a store keeps the last
    /// ``StepLogLine/maxBytesPerStep`` bytes of each step's lines and drops older ones.
    @discardableResult
    func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine]
    /// The kept log lines of a run, oldest first: of one step when `step` is given, and
    /// only the last `tail` of them when `tail` is given.
    func log(of runID: String, step: String?, tail: Int?) async throws(RunStoreError) -> [StepLogLine]
    /// Makes every record current on its medium (pending snapshots written); at shutdown.
    func flush() async throws(RunStoreError)
}

extension RunStore {
    @discardableResult
    public func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent] {
        var recorded: [RunEvent] = []
        for event in events { recorded.append(try await append(event, to: runID)) }
        return recorded
    }

    public func recordText(_ runID: String) async -> String? {
        await record(runID)?.jsonText(pretty: false)
    }

    public func flush() async throws(RunStoreError) {}

    /// One ``list(_:)`` per status (a store with its own counts answers in one read).
    public func countsByStatus() async -> [RunStatus: Int] {
        var counts: [RunStatus: Int] = [:]
        for status in RunStatus.allCases { counts[status] = await list(RunQuery(status: status, limit: 1)).total }
        return counts
    }

    /// One ``list(_:)`` per workflow (a store with its own index answers in one read).
    public func latestRuns(of workflowIDs: [String]) async -> [String: RunSummary] {
        var found: [String: RunSummary] = [:]
        for id in workflowIDs { found[id] = await list(RunQuery(workflowID: id, limit: 1)).runs.first }
        return found
    }
}

/// A filter over runs.
public struct RunQuery: Sendable, Hashable {
    /// Only this workflow's runs.
    public var workflowID: String?
    /// Only runs in this status.
    public var status: RunStatus?
    /// Only runs started by this kind of trigger.
    public var trigger: String?
    /// Only runs created at or after this time.
    public var since: Date?
    /// Only runs created before this time.
    public var until: Date?
    /// A cursor: only runs older than the run with this id (``RunPage/nextCursor`` of the
    /// previous page), so that pages don't shift as new runs arrive.
    public var before: String?
    /// At most this many (1…1000).
    public var limit: Int
    /// Skip this many matches first.
    public var offset: Int

    /// Creates a query.
    public init(workflowID: String? = nil, status: RunStatus? = nil, trigger: String? = nil, since: Date? = nil,
                until: Date? = nil, before: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.workflowID = workflowID
        self.status = status
        self.trigger = trigger
        self.since = since
        self.until = until
        self.before = before
        self.limit = min(max(limit, 1), 1000)
        self.offset = max(offset, 0)
    }
}

/// One page of a listing.
public struct RunPage: Sendable {
    /// The runs, newest first.
    public var runs: [RunSummary]
    /// How many runs match in all (with the cursor: of those older than it).
    public var total: Int
    /// The cursor of the next page (the last run's id) when more runs match.
    public var nextCursor: String?

    /// A page.
    public init(runs: [RunSummary], total: Int, nextCursor: String? = nil) {
        self.runs = runs
        self.total = total
        self.nextCursor = nextCursor
    }
}

/// What a listing shows of a run.
public struct RunSummary: Sendable, Hashable {
    public var id: String
    public var workflowID: String
    public var status: RunStatus
    public var trigger: String
    public var createdAt: Date
    public var completedAt: Date?

    /// A summary from its parts.
    public init(id: String, workflowID: String, status: RunStatus, trigger: String, createdAt: Date, completedAt: Date?) {
        self.id = id
        self.workflowID = workflowID
        self.status = status
        self.trigger = trigger
        self.createdAt = createdAt
        self.completedAt = completedAt
    }

    /// The summary of a record.
    public init(_ record: RunRecord) {
        id = record.id
        workflowID = record.workflowID
        status = record.status
        trigger = record.trigger.type
        createdAt = record.createdAt
        completedAt = record.completedAt
    }
}
