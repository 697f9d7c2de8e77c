import Foundation
import RunnelCore

/// The run store on disk: `<root>/runs/<workflow-id>/<run-id>.json` (the record, written
/// atomically) beside `<run-id>.events.jsonl` (the append-only event log), and the index of
/// run summaries in `<root>/run-index/` (``PersistentRunIndex``), which answers listings and
/// lets the store open without reading a finished run's files.
///
/// The log is the write-ahead log: an event that ends a step or changes the run's status is
/// fdatasync'ed before ``append(_:to:)`` returns, and concurrent appends share one sync (group
/// commit); ``append(contentsOf:to:)`` writes several events at once with one sync. The
/// record is a snapshot of the log: written when the run ends and at most every
/// ``snapshotInterval`` while it runs (not per event); on open and when another process's run
/// is read, events newer than a record's `last_event_id` are applied again (a run with no
/// snapshot yet is made from its log's `run_created`), so a crash loses nothing recorded.
///
/// The index is kept in step with the files so that after a crash it never claims more than
/// they hold: a run's entry is journaled (and synced) before its first file is written and
/// before a finished run is appended to again; a run's finished status is journaled after its
/// final record is on disk; runs are removed from the index before their files are. On open,
/// the runs the index holds as unfinished are read from their files (they may have moved on).
public actor FileRunStore: RunStore {
    /// Where runs live.
    public nonisolated let root: String
    /// Files that could not be read when the store was opened, with the reason.
    public private(set) var problems: [String] = []
    /// How stale a running run's snapshot may get (its log is always current).
    public let snapshotInterval: Duration

    var index: PersistentRunIndex
    private var active: [String: RunRecord] = [:]
    private var logs: [String: AppendLog] = [:]
    private var dirty: Set<String> = []
    /// Finished records read recently (they don't change until a resume appends to them).
    var finished = RecentRuns<RunRecord>(capacity: 1024)
    /// Their compact JSON, as the API answers it.
    var finishedText = RecentRuns<String>(capacity: 1024)
    private var snapshotTask: Task<Void, Never>?
    private var syncWaiters: [CheckedContinuation<Void, Never>] = []
    private var syncPending: Set<String> = []
    private var journalSyncPending = false
    private var syncing = false
    private let encoder = RunCoding.encoder(pretty: false)
    private let recordEncoder = RunCoding.encoder(pretty: true)
    private let decoder = RunCoding.decoder()
    /// The step logs (`<run-id>.log.jsonl`; FileRunStore+logs.swift).
    let logFiles = StepLogFiles()

    /// Opens the store in `state` (creating `state/runs`): reads the index (rebuilding it
    /// from every record when it is missing or damaged) and brings the unfinished runs up to
    /// date from their logs.
    /// - Throws: ``RunStoreError`` when a folder or the index can't be created or written.
    public init(state: String, snapshotInterval: Duration = .milliseconds(200)) throws(RunStoreError) {
        let root = (state as NSString).appendingPathComponent("runs")
        self.root = root
        self.snapshotInterval = snapshotInterval
        try DurableFile.makeFolder(root)
        let loader = RunLoader(root: root)
        var problems: [String] = []
        var index = try PersistentRunIndex(folder: (state as NSString).appendingPathComponent("run-index"), problems: &problems) {
            let loaded = loader.load()
            return (loaded.summaries, loaded.problems)
        }
        // After a rebuild the unfinished runs were just read: their problems are known.
        var found: [String] = []
        active = try Self.catchUp(&index, loader: loader, root: root, problems: &found)
        problems += found.filter { !problems.contains($0) }
        self.index = index
        self.problems = problems
    }

    func folder(of workflowID: String) -> String { root + "/" + workflowID }
    private func recordPath(_ record: RunRecord) -> String { folder(of: record.workflowID) + "/" + record.id + ".json" }

    public func create(_ record: RunRecord) async throws(RunStoreError) -> RunRecord {
        guard active[record.id] == nil, index.summary(record.id) == nil else { throw .alreadyExists(record.id) }
        try DurableFile.makeFolder(folder(of: record.workflowID))
        var record = record
        record.lastEventID = 0
        active[record.id] = record
        try index.upsert(RunSummary(record))
        await syncJournal()
        let data = try encodeJSON(record)
        try await append(RunEvent(.runCreated, time: record.createdAt, data: data), to: record.id)
        return active[record.id] ?? record
    }

    @discardableResult
    public func append(_ event: RunEvent, to runID: String) async throws(RunStoreError) -> RunEvent {
        let recorded = try await append(contentsOf: [event], to: runID)
        return recorded.first ?? event
    }

    /// Appends events in order with one write and, when one of them must be durable, one
    /// sync for all of them.
    @discardableResult
    public func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent] {
        guard !events.isEmpty else { return [] }
        if let summary = index.summary(runID), summary.status.isFinished {
            // A finished run appended to again (a resume): the index marks it unfinished, so
            // that an open after a crash reads it from its files, before the log changes.
            var marked = summary
            marked.status = .queued
            try index.upsert(marked)
            await syncJournal()
        }
        // From here to the log write nothing awaits: concurrent appends number their events
        // one after the other.
        guard let (workflowID, lastEventID) = try activeRecord(runID).map({ ($0.workflowID, $0.lastEventID) }) else {
            throw .notFound(runID)
        }
        finished.remove(runID)
        finishedText.remove(runID)
        let log = try openLog(runID, workflowID: workflowID)
        var recorded = events
        var lines: [UInt8] = []
        for index in recorded.indices {
            recorded[index].id = lastEventID + 1 + index
            let stored = try RunJSON.storable(recorded[index], runID: runID, encoder: encoder)
            recorded[index] = stored.event
            lines += stored.json
            lines.append(UInt8(ascii: "\n"))
        }
        try log.append(lines)
        // Applied through the dictionary's accessor, in place: a copy would copy every step run.
        for event in recorded { active[runID]?.apply(event) }
        active[runID]?.lastEventID = lastEventID + recorded.count
        if let record = active[runID] {
            // A finished status is journaled once the final record is on disk (below).
            let summary = RunSummary(record)
            if !summary.status.isFinished, summary != index.summary(runID) { try index.upsert(summary) }
        }
        if recorded.contains(where: { Self.isDurabilityPoint($0.kind) }) {
            await sync(runID)
        }
        // After the sync another append may have finished the run and written its snapshot.
        guard let record = active[runID] else { return recorded }
        if record.status.isFinished {
            // The one snapshot a run must have: its final record, before the index says finished.
            try writeSnapshot(record)
            let summary = RunSummary(record)
            if summary != index.summary(runID) { try index.upsert(summary) }
            active[runID] = nil
            logs[runID] = nil
            dirty.remove(runID)
            finished.insert(record, for: runID)
        } else {
            // The synced log holds every event (a missing or older snapshot is brought up to
            // date from it), so an unfinished run's record is written once per interval, not
            // once per event: a short run writes it once, when it ends.
            markDirty(runID)
        }
        return recorded
    }

    public func record(_ runID: String) async -> RunRecord? {
        if let record = active[runID] { return record }
        if let record = finished[runID] { return record }
        guard let summary = index.summary(runID) else { return nil }
        let record: RunRecord
        if summary.status.isFinished {
            guard let read = try? readRecord(workflowID: summary.workflowID, runID: runID) else { return nil }
            record = read
        } else {
            // Another process's run: its snapshot brought up to date from its log (or made from
            // the log alone before its first snapshot).
            var problems: [String] = []
            let path = folder(of: summary.workflowID) + "/" + runID + ".json"
            guard let read = RunLoader(root: root).loadRun(recordPath: path, problems: &problems), read.id == runID else { return nil }
            record = read
        }
        if record.status.isFinished { finished.insert(record, for: runID) }
        return record
    }

    /// The record as compact JSON (``RunRecord/jsonText(pretty:)``), kept for finished runs,
    /// which change no more; nil for an unknown run.
    public func recordText(_ runID: String) async -> String? {
        if let text = finishedText[runID] { return text }
        guard let record = await record(runID) else { return nil }
        let text = record.jsonText(pretty: false)
        if record.status.isFinished { finishedText.insert(text, for: runID) }
        return text
    }

    public func list(_ query: RunQuery) async -> RunPage {
        // What other processes on this state folder recorded meanwhile (one stat when nothing).
        index.refresh()
        return index.query(query)
    }

    public func countsByStatus() async -> [RunStatus: Int] {
        index.refresh()
        return index.statusCounts
    }

    public func latestRuns(of workflowIDs: [String]) async -> [String: RunSummary] {
        index.refresh()
        return index.latest(of: workflowIDs)
    }

    public func events(of runID: String, after: Int) async throws(RunStoreError) -> [RunEvent] {
        guard let summary = index.summary(runID) else { throw .notFound(runID) }
        let path = folder(of: summary.workflowID) + "/" + runID + ".events.jsonl"
        return RunLoader(root: root).readEvents(path).events.filter { $0.id > after }
    }

    public func delete(_ runID: String) async throws(RunStoreError) {
        guard let summary = index.summary(runID) else { throw .notFound(runID) }
        guard summary.status.isFinished else { throw .notFinished(runID) }
        // Out of the index first: a crash in between leaves files no index names, never an
        // index entry without its files.
        try index.remove([runID])
        let base = folder(of: summary.workflowID) + "/" + runID
        for path in [base + ".json", base + ".events.jsonl", base + ".log.jsonl"] where unlink(path) != 0 && errno != ENOENT {
            throw .io("cannot delete", path, errno: errno)
        }
        logFiles.forget(runID)
        finished.remove(runID)
        finishedText.remove(runID)
    }

    public func unfinished() async -> [RunRecord] {
        active.values.sorted { $0.id < $1.id }
    }

    /// Writes every pending snapshot now (shutdown, tests).
    public func flush() throws(RunStoreError) {
        for runID in dirty.sorted() {
            if let record = active[runID] { try writeSnapshot(record) }
        }
        dirty.removeAll()
    }

    // MARK: - Internals

    private func activeRecord(_ runID: String) throws(RunStoreError) -> RunRecord? {
        if let record = active[runID] { return record }
        // A finished run being resumed comes back into the active set.
        guard let summary = index.summary(runID) else { return nil }
        let record = try readRecord(workflowID: summary.workflowID, runID: runID)
        active[runID] = record
        return record
    }

    private func readRecord(workflowID: String, runID: String) throws(RunStoreError) -> RunRecord {
        let path = folder(of: workflowID) + "/" + runID + ".json"
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(runID) }
        do { return try decoder.decode(RunRecord.self, from: data) } catch {
            throw RunStoreError(code: .corrupt, description: "run record \(path) is unreadable: \(error)", underlying: error)
        }
    }

    private func openLog(_ runID: String, workflowID: String) throws(RunStoreError) -> AppendLog {
        if let log = logs[runID] { return log }
        let log = try AppendLog(path: folder(of: workflowID) + "/" + runID + ".events.jsonl")
        logs[runID] = log
        return log
    }

    private func encodeJSON(_ record: RunRecord) throws(RunStoreError) -> JSONValue {
        do {
            let data = try encoder.encode(record)
            return try JSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw RunStoreError(code: .corrupt, description: "cannot encode run \(record.id): \(error)", underlying: error)
        }
    }

    private func writeSnapshot(_ record: RunRecord) throws(RunStoreError) {
        let data: Data
        do { data = try recordEncoder.encode(record) } catch {
            throw RunStoreError(code: .corrupt, description: "cannot encode run \(record.id): \(error)", underlying: error)
        }
        try DurableFile.atomicWrite(Array(data) + [UInt8(ascii: "\n")], to: recordPath(record))
        dirty.remove(record.id)
    }

    private func markDirty(_ runID: String) {
        dirty.insert(runID)
        guard snapshotTask == nil else { return }
        let interval = snapshotInterval
        snapshotTask = Task { [weak self] in
            try? await Task.sleep(for: interval)
            await self?.writeDirtySnapshots()
        }
    }

    private func writeDirtySnapshots() {
        snapshotTask = nil
        try? flush()
    }

    /// Group commit: waits until the logs of `runID` (and any others appended meanwhile)
    /// are synced; one fdatasync per log serves every append that came before it.
    private func sync(_ runID: String) async {
        syncPending.insert(runID)
        await withCheckedContinuation { continuation in
            syncWaiters.append(continuation)
            if !syncing { startSyncRound() }
        }
    }

    /// Waits until the index's journal is synced (through the same group commit).
    private func syncJournal() async {
        journalSyncPending = true
        await withCheckedContinuation { continuation in
            syncWaiters.append(continuation)
            if !syncing { startSyncRound() }
        }
    }

    private func startSyncRound() {
        syncing = true
        let files = syncPending.compactMap { logs[$0] } + (journalSyncPending ? [index.journal] : [])
        journalSyncPending = false
        let waiters = syncWaiters
        syncPending.removeAll()
        syncWaiters.removeAll()
        Task.detached { [weak self] in
            for file in files { _ = file.sync() }
            for waiter in waiters { waiter.resume() }
            await self?.finishSyncRound()
        }
    }

    private func finishSyncRound() {
        syncing = false
        if !syncWaiters.isEmpty { startSyncRound() }
    }

    static func isDurabilityPoint(_ kind: RunEvent.Kind) -> Bool {
        // A script's process is recorded before the script may run, without a sync: a crash
        // of the machine that would lose the line ends the process too.
        kind != .stepStarted && kind != .runStarted && kind != .stepProcess
    }
}
