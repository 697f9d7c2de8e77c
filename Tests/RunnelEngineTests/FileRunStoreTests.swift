import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

@Suite struct FileRunStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func newRecord(_ workflowID: String = "team/flow", at date: Date? = nil, trigger: RunTrigger = .manual) -> RunRecord {
        let time = date ?? t0
        return RunRecord(id: RunID.make(at: time), workflowID: workflowID, trigger: trigger, inputs: ["n": 1], createdAt: time)
    }

    @Test func writesTheRecordAndTheEventLogAndReadsThemBack() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try FileRunStore(state: folder.path)
        let record = try await store.create(newRecord())
        try await store.append(RunEvent(.runStarted, time: t0), to: record.id)
        try await store.append(RunEvent(.stepStarted, time: t0, stepID: "a", attempt: 1), to: record.id)
        try await store.append(RunEvent(.stepCompleted, time: t0.addingTimeInterval(2), stepID: "a", attempt: 1, data: ["x": 1]), to: record.id)
        try await store.append(RunEvent(.runCompleted, time: t0.addingTimeInterval(3), data: ["out": "done"]), to: record.id)

        let path = folder.path + "/runs/team/flow/\(record.id).json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"workflow_id\" : \"team/flow\""))
        #expect(text.contains("\"step_runs\""))
        #expect(text.contains("\"duration_seconds\" : 3"))

        let reopened = try FileRunStore(state: folder.path)
        let loaded = try #require(await reopened.record(record.id))
        #expect(loaded.status == .completed)
        #expect(loaded.outputs == ["out": "done"])
        #expect(loaded.stepRuns == [StepRun(stepID: "a", status: .completed, attempt: 1, output: ["x": 1],
                                            startedAt: t0, completedAt: t0.addingTimeInterval(2))])
        let events = try await reopened.events(of: record.id, after: 2)
        #expect(events.map(\.kind) == [.stepStarted, .stepCompleted, .runCompleted])
        #expect(events.map(\.id) == [3, 4, 5])
        #expect(await reopened.problems.isEmpty)
    }

    @Test func appendsABatchOfEventsInOrderWithOneCall() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try FileRunStore(state: folder.path, snapshotInterval: .seconds(3600))
        let record = try await store.create(newRecord())
        try await store.append(RunEvent(.runStarted, time: t0), to: record.id)
        let recorded = try await store.append(contentsOf: [
            RunEvent(.stepStarted, time: t0, stepID: "a", attempt: 1),
            RunEvent(.stepStarted, time: t0, stepID: "b", attempt: 1),
            RunEvent(.stepCompleted, time: t0.addingTimeInterval(1), stepID: "a", attempt: 1, data: "A"),
            RunEvent(.stepFailed, time: t0.addingTimeInterval(2), stepID: "b", attempt: 1, error: "boom"),
        ], to: record.id)
        #expect(recorded.map(\.id) == [3, 4, 5, 6])
        #expect(try await store.append(contentsOf: [], to: record.id).isEmpty)
        let current = try #require(await store.record(record.id))
        #expect(current.lastEventID == 6)
        #expect(current.stepRun("a")?.output == "A")
        #expect(current.stepRun("b")?.status == .failed)
        // The stale snapshot plus the log, as after a crash.
        let reopened = try FileRunStore(state: folder.path)
        let loaded = try #require(await reopened.record(record.id))
        #expect(loaded.stepRuns == current.stepRuns)
        #expect(try await reopened.events(of: record.id, after: 0).map(\.id) == [1, 2, 3, 4, 5, 6])
    }

    @Test func aShortRunWritesItsRecordOnceWhenItEndsAndIsReadFromItsLogMeanwhile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try FileRunStore(state: folder.path, snapshotInterval: .seconds(3600))
        let record = try await store.create(newRecord())
        try await store.append(RunEvent(.runStarted, time: t0), to: record.id)
        try await store.append(RunEvent(.stepStarted, time: t0, stepID: "a", attempt: 1), to: record.id)
        let path = folder.path + "/runs/team/flow/\(record.id).json"
        // Status changes are in the synced log; no record is serialized per event.
        #expect(!FileManager.default.fileExists(atPath: path))
        // Another process (a second store on the folder) reads the run from its log.
        let other = try FileRunStore(state: folder.path)
        let seen = try #require(await other.record(record.id))
        #expect(seen.status == .running)
        #expect(seen.stepRun("a")?.status == .running)
        try await store.append(RunEvent(.stepCompleted, time: t0, stepID: "a", attempt: 1, data: "ok"), to: record.id)
        try await store.append(RunEvent(.runCompleted, time: t0.addingTimeInterval(1)), to: record.id)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"status\" : \"completed\""))
        #expect(await (try FileRunStore(state: folder.path)).record(record.id)?.status == .completed)
    }

    @Test func eventsNewerThanTheSnapshotAreReplayedOnOpen() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let runID: String
        do {
            // A long snapshot interval: the snapshot stays at `run_started` while steps finish.
            let store = try FileRunStore(state: folder.path, snapshotInterval: .seconds(3600))
            let record = try await store.create(newRecord())
            runID = record.id
            try await store.append(RunEvent(.runStarted, time: t0), to: runID)
            try await store.append(RunEvent(.stepStarted, time: t0, stepID: "a", attempt: 1), to: runID)
            try await store.append(RunEvent(.stepCompleted, time: t0, stepID: "a", attempt: 1, data: "ok"), to: runID)
            try await store.append(RunEvent(.stepStarted, time: t0, stepID: "b", attempt: 1), to: runID)
        }
        // As after a crash: a new store reads the stale snapshot and the log.
        let reopened = try FileRunStore(state: folder.path)
        let record = try #require(await reopened.record(runID))
        #expect(record.status == .running)
        #expect(record.stepRun("a")?.status == .completed)
        #expect(record.stepRun("a")?.output == "ok")
        #expect(record.stepRun("b")?.status == .running)
        #expect(await reopened.unfinished().map(\.id) == [runID])
    }

    @Test func aCorruptRecordIsRebuiltFromItsLogOrSkippedAndATornLineIsIgnored() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try FileRunStore(state: folder.path)
        let good = try await store.create(newRecord(at: t0))
        try await store.append(RunEvent(.runStarted, time: t0), to: good.id)
        let damaged = try await store.create(newRecord(at: t0.addingTimeInterval(1)))
        try await store.append(RunEvent(.runStarted, time: t0), to: damaged.id)
        try await store.flush()
        let base = folder.path + "/runs/team/flow/"
        // A half-written record and a torn last event line.
        try "{\"id\": \"trunc".write(toFile: base + damaged.id + ".json", atomically: false, encoding: .utf8)
        let log = FileHandle(forWritingAtPath: base + good.id + ".events.jsonl")
        log?.seekToEndOfFile()
        log?.write(Data("{\"id\":3,\"type\":\"step_sta".utf8))
        try log?.close()
        // A stray file that is not a run at all.
        try "not json".write(toFile: base + "01ZZZZZZZZZZZZZZZZZZZZZZZZ.json", atomically: false, encoding: .utf8)

        // The index names the two unfinished runs: they are read from their files.
        let reopened = try FileRunStore(state: folder.path)
        #expect(await reopened.record(good.id)?.status == .running)
        #expect(await reopened.record(damaged.id)?.status == .running, "rebuilt from run_created + run_started")
        var problems = await reopened.problems
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains(damaged.id + ".json: unreadable record") && $0.contains("rebuilt from its event log") })
        #expect(problems.contains { $0.contains(good.id + ".events.jsonl:3: unreadable event") })

        // Rebuilding the index reads every file, the stray one too (each problem once).
        try FileManager.default.removeItem(atPath: folder.path + "/run-index")
        let rebuilt = try FileRunStore(state: folder.path)
        #expect(await rebuilt.record(damaged.id)?.status == .running)
        problems = await rebuilt.problems
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains { $0.contains(damaged.id + ".json: unreadable record") && $0.contains("rebuilt from its event log") })
        #expect(problems.contains { $0.contains(good.id + ".events.jsonl:3: unreadable event") })
        #expect(problems.contains { $0.contains("01ZZZZZZZZZZZZZZZZZZZZZZZZ.json: unreadable record") && $0.contains("skipped") })
        #expect(problems.contains { $0.contains("was missing; rebuilt from the files (2 runs)") })
    }

    @Test func runIDsSortByTime() {
        var previous = ""
        for offset in 0..<200 {
            let id = RunID.make(at: t0.addingTimeInterval(Double(offset) * 0.001))
            #expect(RunID.isValid(id))
            #expect(id > previous)
            previous = id
        }
        #expect(!RunID.isValid("../../etc/passwd"))
    }
}
