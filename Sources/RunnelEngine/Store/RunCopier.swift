public import Foundation
import RunnelCore

/// Copies run history from one ``RunStore`` to another (`runnel import` / `runnel export`
/// between the file store and PostgreSQL): each run as it was created (the record its
/// `run_created` event holds), then its events in order, then its step logs, so that the copy
/// numbers them as the original did. Runs the target has already are skipped, so a copy that
/// stopped half way can be run again.
public struct RunCopier: Sendable {
    /// What a copy did.
    public struct Report: Sendable, Equatable {
        /// The runs copied.
        public var copied = 0
        /// The runs the target had already.
        public var skipped = 0
    }

    /// A copier.
    public init() {}

    /// Copies every run of `source` that `target` lacks, oldest first.
    /// - Throws: ``RunStoreError`` from either store, saying which run.
    public func copy(from source: any RunStore, to target: any RunStore) async throws(RunStoreError) -> Report {
        var ids: [String] = []
        var cursor: String?
        repeat {
            let page = await source.list(RunQuery(before: cursor, limit: 1000))
            ids += page.runs.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        var report = Report()
        for id in ids.reversed() {
            if await target.record(id) != nil {
                report.skipped += 1
                continue
            }
            try await copyRun(id, from: source, to: target)
            report.copied += 1
        }
        return report
    }

    private func copyRun(_ id: String, from source: any RunStore, to target: any RunStore) async throws(RunStoreError) {
        let events = try await source.events(of: id, after: 0)
        guard let current = await source.record(id) else { throw .notFound(id) }
        // The record as created: the run_created event's data, else the current one reset.
        var created = RunRecord(id: current.id, workflowID: current.workflowID, workflowVersion: current.workflowVersion,
                                commit: current.commit, trigger: current.trigger, inputs: current.inputs, createdAt: current.createdAt)
        if let first = events.first, first.kind == .runCreated, let data = first.data {
            created = try RunJSON.decode(RunRecord.self, from: data.serialized(), what: "the created record of run \(id)")
        }
        _ = try await target.create(created)
        let rest = events.drop { $0.kind == .runCreated && $0.id == 1 }
        if !rest.isEmpty { try await target.append(contentsOf: Array(rest), to: id) }
        let lines = try await source.log(of: id, step: nil, tail: nil)
        if !lines.isEmpty { try await target.appendLog(lines, to: id) }
    }
}
