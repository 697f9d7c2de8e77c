import Foundation
import Logging
import PostgresNIO
public import RunnelEngine
import RunnelCore

/// The run store in PostgreSQL (cluster mode): a row per run in `runnel_runs` (the record as
/// jsonb beside the columns the list queries filter on, each indexed), its events in
/// `runnel_run_events` and its step logs in `runnel_step_logs`. It passes the same test suite
/// as ``FileRunStore`` and ``MemoryRunStore`` (`RunStoreContractTests`).
///
/// Event ids don't assume one writer: an append locks the run's row (`SELECT … FOR UPDATE`),
/// numbers its events after the row's `last_event_id` and commits the events and the updated
/// record together, so writers on any number of processes number one run's events one after
/// the other. When an append returns, its transaction has committed (durable as the server's
/// `synchronous_commit` makes it).
public final class PostgresRunStore: RunStore {
    /// The pool it uses.
    public let database: RunnelDatabase
    /// The runs that were unfinished when the store was opened (recovery resumes them).
    let openedUnfinished: [String]
    var logger: Logger { database.logger }

    /// The statuses of finished runs, as stored.
    static let finishedStatuses = RunStatus.allCases.filter(\.isFinished).map(\.rawValue)

    private init(database: RunnelDatabase, openedUnfinished: [String]) {
        self.database = database
        self.openedUnfinished = openedUnfinished
    }

    /// Opens the store on a migrated database (``Migrator``), noting its unfinished runs.
    /// - Throws: ``RunStoreError`` when the database can't be read.
    public static func open(_ database: RunnelDatabase) async throws(RunStoreError) -> PostgresRunStore {
        do {
            var ids: [String] = []
            let rows = try await database.client.query(
                "SELECT id FROM runnel_runs WHERE status <> ALL(\(finishedStatuses)) ORDER BY id", logger: database.logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return PostgresRunStore(database: database, openedUnfinished: ids)
        } catch {
            throw storeError("cannot open the run store in \(database.url)", error)
        }
    }

    public func create(_ record: RunRecord) async throws(RunStoreError) -> RunRecord {
        var record = record
        record.lastEventID = 0
        let data = try? JSONParser.parse(try RunJSON.text(of: record))
        var event = RunEvent(.runCreated, time: record.createdAt, data: data)
        event.id = 1
        let stored = try RunJSON.storable(event, runID: record.id, encoder: RunJSON.encoder())
        record.apply(stored.event)
        record.lastEventID = 1
        let text = try RunJSON.text(of: record)
        let eventText = String(decoding: stored.json, as: UTF8.self)
        let created = record
        try await transaction("cannot create run \(record.id)") { connection, logger async throws in
            let rows = try await connection.query("""
                INSERT INTO runnel_runs (id, workflow_id, status, trigger, created_at, completed_at, last_event_id, record)
                VALUES (\(created.id), \(created.workflowID), \(created.status.rawValue), \(created.trigger.type), \(created.createdAt),
                        \(created.completedAt), 1, \(text)::jsonb)
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            var inserted = false
            for try await _ in rows { inserted = true }
            guard inserted else { throw RunStoreError.alreadyExists(created.id) }
            try await connection.query(
                "INSERT INTO runnel_run_events (run_id, id, event) VALUES (\(created.id), 1, \(eventText)::jsonb)", logger: logger)
        }
        return created
    }

    @discardableResult
    public func append(_ event: RunEvent, to runID: String) async throws(RunStoreError) -> RunEvent {
        let recorded = try await append(contentsOf: [event], to: runID)
        return recorded.first ?? event
    }

    @discardableResult
    public func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent] {
        guard !events.isEmpty else { return [] }
        return try await transaction("cannot record events of run \(runID)") { connection, logger async throws -> [RunEvent] in
            let rows = try await connection.query("SELECT record::text FROM runnel_runs WHERE id = \(runID) FOR UPDATE", logger: logger)
            var text: String?
            for try await value in rows.decode(String.self) { text = value }
            guard let text else { throw RunStoreError.notFound(runID) }
            var record = try RunJSON.decode(RunRecord.self, from: text, what: "run record \(runID)")
            let encoder = RunJSON.encoder()
            var recorded: [RunEvent] = []
            var ids: [Int] = []
            var texts: [String] = []
            for (offset, event) in events.enumerated() {
                var numbered = event
                numbered.id = record.lastEventID + 1 + offset
                let stored = try RunJSON.storable(numbered, runID: runID, encoder: encoder)
                recorded.append(stored.event)
                ids.append(stored.event.id)
                texts.append(String(decoding: stored.json, as: UTF8.self))
            }
            for event in recorded { record.apply(event) }
            record.lastEventID += recorded.count
            let recordText = try RunJSON.text(of: record)
            try await connection.query("""
                INSERT INTO runnel_run_events (run_id, id, event)
                SELECT \(runID), event_id, event::jsonb FROM unnest(\(ids)::bigint[], \(texts)::text[]) AS e (event_id, event)
                """, logger: logger)
            try await connection.query("""
                UPDATE runnel_runs SET status = \(record.status.rawValue), completed_at = \(record.completedAt),
                    last_event_id = \(record.lastEventID), record = \(recordText)::jsonb
                WHERE id = \(runID)
                """, logger: logger)
            return recorded
        }
    }

    public func record(_ runID: String) async -> RunRecord? {
        do {
            let rows = try await database.client.query("SELECT record::text FROM runnel_runs WHERE id = \(runID)", logger: logger)
            for try await text in rows.decode(String.self) {
                return try RunJSON.decode(RunRecord.self, from: text, what: "run record \(runID)")
            }
            return nil
        } catch {
            logger.error("cannot read a run", metadata: ["run.id": "\(runID)", "runnel.error": "\(Self.storeError("", error))"])
            return nil
        }
    }

    public func events(of runID: String, after: Int) async throws(RunStoreError) -> [RunEvent] {
        do {
            var events: [RunEvent] = []
            let rows = try await database.client.query(
                "SELECT id, event::text FROM runnel_run_events WHERE run_id = \(runID) AND id > \(after) ORDER BY id", logger: logger)
            for try await (id, text) in rows.decode((Int, String).self) {
                events.append(try RunJSON.decode(RunEvent.self, from: text, what: "event \(id) of run \(runID)"))
            }
            if events.isEmpty, try await !exists(runID) { throw RunStoreError.notFound(runID) }
            return events
        } catch {
            throw Self.storeError("cannot read the events of run \(runID)", error)
        }
    }

    public func delete(_ runID: String) async throws(RunStoreError) {
        try await transaction("cannot delete run \(runID)") { connection, logger async throws in
            let rows = try await connection.query("SELECT status FROM runnel_runs WHERE id = \(runID) FOR UPDATE", logger: logger)
            var status: String?
            for try await value in rows.decode(String.self) { status = value }
            guard let status else { throw RunStoreError.notFound(runID) }
            guard Self.finishedStatuses.contains(status) else { throw RunStoreError.notFinished(runID) }
            try await connection.query("DELETE FROM runnel_runs WHERE id = \(runID)", logger: logger)
        }
    }

    public func unfinished() async -> [RunRecord] {
        var records: [RunRecord] = []
        for id in openedUnfinished {
            if let record = await record(id), !record.status.isFinished { records.append(record) }
        }
        return records
    }

    /// Whether the run exists.
    func exists(_ runID: String) async throws -> Bool {
        let rows = try await database.client.query("SELECT 1 FROM runnel_runs WHERE id = \(runID)", logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
