public import Foundation
import PostgresNIO
import RunnelCore
public import RunnelEngine

extension PostgresRunStore {
    /// Listings newest first (ids sort by creation); each filter has its index, and the total
    /// comes with the page (a window count) rather than from a second scan.
    public func list(_ query: RunQuery) async -> RunPage {
        do {
            var binds = PostgresBindings()
            let filter = Self.conditions(query, binds: &binds)
            binds.append(query.limit)
            binds.append(query.offset)
            let sql = "SELECT id, workflow_id, status, trigger, created_at, completed_at, count(*) OVER () FROM runnel_runs"
                + filter + " ORDER BY id DESC LIMIT $\(binds.count - 1) OFFSET $\(binds.count)"
            var runs: [RunSummary] = []
            var total = 0
            let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            for try await (id, workflowID, status, trigger, createdAt, completedAt, count)
                in rows.decode((String, String, String, String, Date, Date?, Int).self) {
                guard let status = RunStatus(rawValue: status) else { continue }
                runs.append(RunSummary(id: id, workflowID: workflowID, status: status, trigger: trigger,
                                       createdAt: createdAt, completedAt: completedAt))
                total = count
            }
            if runs.isEmpty, query.offset > 0 {
                // Past the last match the window has no row to count on: count apart.
                var countBinds = PostgresBindings()
                let countFilter = Self.conditions(query, binds: &countBinds)
                let counted = try await database.client.query(
                    PostgresQuery(unsafeSQL: "SELECT count(*) FROM runnel_runs" + countFilter, binds: countBinds), logger: logger)
                for try await count in counted.decode(Int.self) { total = count }
            }
            let more = query.offset + runs.count < total
            return RunPage(runs: runs, total: total, nextCursor: more ? runs.last?.id : nil)
        } catch {
            logger.error("cannot list runs", metadata: ["runnel.error": "\(Self.storeError("", error))"])
            return RunPage(runs: [], total: 0)
        }
    }

    /// The `WHERE` clause of `query` (empty when it filters nothing), its values bound.
    static func conditions(_ query: RunQuery, binds: inout PostgresBindings) -> String {
        var conditions: [String] = []
        func add(_ column: String, _ comparison: String, _ value: some PostgresDynamicTypeEncodable) {
            binds.append(value)
            conditions.append("\(column) \(comparison) $\(binds.count)")
        }
        if let workflowID = query.workflowID { add("workflow_id", "=", workflowID) }
        if let status = query.status { add("status", "=", status.rawValue) }
        if let trigger = query.trigger { add("trigger", "=", trigger) }
        if let since = query.since { add("created_at", ">=", since) }
        if let until = query.until { add("created_at", "<", until) }
        if let before = query.before { add("id", "<", before) }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// Deletes what `policy` lets go in one transaction: finished runs that ended before the
    /// cutoff, and finished runs past the newest `keep_last` of their workflow.
    @discardableResult
    public func prune(_ policy: RetentionPolicy, now: Date) async throws(RunStoreError) -> [String] {
        guard !policy.keepsEverything else { return [] }
        let cutoff = policy.maxAge.map { now.addingTimeInterval(-$0.seconds) }
        let keepLast = policy.keepLast
        let finished = Self.finishedStatuses
        return try await transaction("cannot prune runs") { connection, logger async throws -> [String] in
            let rows = try await connection.query("""
                DELETE FROM runnel_runs WHERE id IN (
                    SELECT id FROM (
                        SELECT id, status, created_at, completed_at,
                               row_number() OVER (PARTITION BY workflow_id ORDER BY id DESC) AS rank
                        FROM runnel_runs) ranked
                    WHERE status = ANY(\(finished))
                      AND ((\(cutoff)::timestamptz IS NOT NULL AND coalesce(completed_at, created_at) < \(cutoff)::timestamptz)
                        OR (\(keepLast)::bigint IS NOT NULL AND rank > \(keepLast)::bigint)))
                RETURNING id
                """, logger: logger)
            var ids: [String] = []
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids.sorted()
        }
    }
}
