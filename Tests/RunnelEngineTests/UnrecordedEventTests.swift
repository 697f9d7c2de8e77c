import Foundation
import Logging
import RunnelCore
import RunnelTestSupport
import Testing
@testable import RunnelEngine

/// What the store refuses is logged, not dropped silently: the run goes on, and the engine's
/// logger says which run lost which events or log lines, and why.
@Suite struct UnrecordedEventTests {
    /// A memory store that refuses step log lines and `step_completed` events.
    actor RefusingStore: RunStore {
        let base = MemoryRunStore()

        func create(_ record: RunRecord) async throws(RunStoreError) -> RunRecord { try await base.create(record) }
        func append(_ event: RunEvent, to runID: String) async throws(RunStoreError) -> RunEvent {
            if event.kind == .stepCompleted { throw RunStoreError(description: "the disk is full") }
            return try await base.append(event, to: runID)
        }
        func append(contentsOf events: [RunEvent], to runID: String) async throws(RunStoreError) -> [RunEvent] {
            if events.contains(where: { $0.kind == .stepCompleted }) { throw RunStoreError(description: "the disk is full") }
            return try await base.append(contentsOf: events, to: runID)
        }
        func record(_ runID: String) async -> RunRecord? { await base.record(runID) }
        func recordText(_ runID: String) async -> String? { await base.recordText(runID) }
        func list(_ query: RunQuery) async -> RunPage { await base.list(query) }
        func events(of runID: String, after: Int) async throws(RunStoreError) -> [RunEvent] { try await base.events(of: runID, after: after) }
        func delete(_ runID: String) async throws(RunStoreError) { try await base.delete(runID) }
        func prune(_ policy: RetentionPolicy, now: Date) async throws(RunStoreError) -> [String] { try await base.prune(policy, now: now) }
        func unfinished() async -> [RunRecord] { await base.unfinished() }
        func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine] {
            throw RunStoreError(description: "the log is full")
        }
        func log(of runID: String, step: String?, tail: Int?) async throws(RunStoreError) -> [StepLogLine] {
            try await base.log(of: runID, step: step, tail: tail)
        }
        func flush() async throws(RunStoreError) {}
    }

    @Test func aRefusedEventAndRefusedLogLinesAreLogged() async throws {
        let logs = LogCapture()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/tmp", withIntermediateDirectories: true)
        let flow = try workflow("name: W\nsteps:\n  - {id: say, type: script, config: {run: 'echo hello'}}\n", id: "w")
        let engine = Engine(store: RefusingStore(), runners: .standard(temporaryRoot: folder.path + "/tmp"), secrets: NoSecrets(),
                            workflows: MemoryWorkflowSource([flow]), logger: logs.logger)
        let started = try await engine.start(workflowID: "w", inputs: [:])
        _ = await engine.wait(started.id)
        let event = try #require(logs.entries(EngineLog.eventNotRecorded.description).first)
        #expect(event.level == .error)
        #expect(event["runnel.run_id"] == started.id)
        #expect(event["runnel.event"]?.contains("step_completed") == true)
        #expect(event["runnel.error"]?.contains("the disk is full") == true)
        let lines = try #require(logs.entries(EngineLog.logNotRecorded.description).first)
        #expect(lines["runnel.run_id"] == started.id)
        #expect(lines["runnel.error"]?.contains("the log is full") == true)
    }
}
