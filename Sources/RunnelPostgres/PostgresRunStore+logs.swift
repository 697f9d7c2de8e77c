import Foundation
import PostgresNIO
public import RunnelEngine

/// Step logs in `runnel_step_logs`: a batch is one transaction that takes its `seq` numbers
/// from the run's row (`last_log_seq`). When a step's lines pass twice
/// ``StepLogLine/maxBytesPerStep``, its older lines beyond the bound are deleted, so a step's
/// rows stay bounded however much it prints; reads apply the same bound
/// (``StepLogLine/bounded(_:step:tail:)``).
extension PostgresRunStore {
    @discardableResult
    public func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine] {
        guard !lines.isEmpty else { return [] }
        return try await transaction("cannot record the log of run \(runID)") { connection, logger async throws -> [StepLogLine] in
            let rows = try await connection.query(
                "UPDATE runnel_runs SET last_log_seq = last_log_seq + \(lines.count) WHERE id = \(runID) RETURNING last_log_seq", logger: logger)
            var last: Int?
            for try await value in rows.decode(Int.self) { last = value }
            guard let last else { throw RunStoreError.notFound(runID) }
            var recorded = lines
            var texts: [String] = []
            for index in recorded.indices {
                recorded[index].seq = last - lines.count + 1 + index
                texts.append(try RunJSON.text(of: recorded[index]))
            }
            try await connection.query("""
                INSERT INTO runnel_step_logs (run_id, seq, step_id, size, line)
                SELECT \(runID), seq, step_id, size, line::jsonb
                FROM unnest(\(recorded.map(\.seq))::bigint[], \(recorded.map(\.stepID))::text[], \(recorded.map(\.size))::bigint[], \(texts)::text[])
                    AS l (seq, step_id, size, line)
                """, logger: logger)
            let steps = Array(Set(recorded.map(\.stepID)))
            let sizes = try await connection.query("""
                SELECT step_id FROM runnel_step_logs WHERE run_id = \(runID) AND step_id = ANY(\(steps))
                GROUP BY step_id HAVING sum(size) > \(2 * StepLogLine.maxBytesPerStep)
                """, logger: logger)
            var over: [String] = []
            for try await step in sizes.decode(String.self) { over.append(step) }
            for step in over {
                try await connection.query("""
                    DELETE FROM runnel_step_logs l USING (
                        SELECT seq, sum(size) OVER (ORDER BY seq DESC) AS kept
                        FROM runnel_step_logs WHERE run_id = \(runID) AND step_id = \(step)) k
                    WHERE l.run_id = \(runID) AND l.seq = k.seq AND k.kept > \(StepLogLine.maxBytesPerStep)
                    """, logger: logger)
            }
            return recorded
        }
    }

    public func log(of runID: String, step: String?, tail: Int?) async throws(RunStoreError) -> [StepLogLine] {
        do {
            guard try await exists(runID) else { throw RunStoreError.notFound(runID) }
            let rows = try await database.client.query("""
                SELECT line::text FROM runnel_step_logs
                WHERE run_id = \(runID) AND (\(step)::text IS NULL OR step_id = \(step)::text) ORDER BY seq
                """, logger: logger)
            var lines: [StepLogLine] = []
            for try await text in rows.decode(String.self) {
                lines.append(try RunJSON.decode(StepLogLine.self, from: text, what: "a log line of run \(runID)"))
            }
            return StepLogLine.bounded(lines, step: step, tail: tail)
        } catch {
            throw Self.storeError("cannot read the log of run \(runID)", error)
        }
    }
}
