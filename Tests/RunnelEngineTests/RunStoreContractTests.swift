import Foundation
import RunnelCore
import RunnelPostgres
import RunnelTestSupport
import Testing
@testable import RunnelEngine

/// The behaviour every ``RunStore`` has: one suite, run over each implementation (a new
/// store, such as a database-backed one, joins by adding a case to ``StoreKind``).
@Suite struct RunStoreContractTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case file, memory, postgres

        var testDescription: String { rawValue }

        /// The kinds this run tests: PostgreSQL when a test database is configured (or CI
        /// requires it; see ``TestDatabase``).
        static var available: [StoreKind] { TestDatabase.runs ? allCases : [.file, .memory] }

        /// Runs `body` with a new, empty store, removed afterwards.
        func withStore(_ body: @Sendable (any RunStore) async throws -> Void) async throws {
            switch self {
            case .file:
                let folder = try TemporaryFolder()
                defer { folder.remove() }
                try await body(try FileRunStore(state: folder.path))
            case .memory:
                try await body(MemoryRunStore())
            case .postgres:
                try await TestDatabase.withSchema { database in try await body(try await PostgresRunStore.open(database)) }
            }
        }
    }

    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func newRecord(_ workflowID: String = "team/flow", at date: Date? = nil, trigger: RunTrigger = .manual) -> RunRecord {
        let time = date ?? t0
        return RunRecord(id: RunID.make(at: time), workflowID: workflowID, trigger: trigger, inputs: ["n": 1], createdAt: time)
    }

    func finish(_ id: String, in store: any RunStore, as kind: RunEvent.Kind = .runCompleted, at time: Date? = nil) async throws {
        try await store.append(RunEvent(.runStarted, time: time ?? t0), to: id)
        try await store.append(RunEvent(kind, time: time ?? t0, error: kind == .runFailed ? "x" : nil), to: id)
    }

    @Test(arguments: StoreKind.available)
    func recordsEventsAndReadsThemBack(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = try await store.create(newRecord())
            #expect(record.status == .queued)
            try await store.append(RunEvent(.runStarted, time: t0), to: record.id)
            let batch = try await store.append(contentsOf: [
                RunEvent(.stepStarted, time: t0, stepID: "a", attempt: 1),
                RunEvent(.stepCompleted, time: t0.addingTimeInterval(2), stepID: "a", attempt: 1, data: ["x": 1]),
            ], to: record.id)
            #expect(batch.map(\.id) == [3, 4])
            try await store.append(RunEvent(.runCompleted, time: t0.addingTimeInterval(3), data: ["out": "done"]), to: record.id)
            let loaded = try #require(await store.record(record.id))
            #expect(loaded.status == .completed)
            #expect(loaded.outputs == ["out": "done"])
            #expect(loaded.lastEventID == 5)
            #expect(loaded.stepRun("a")?.output == ["x": 1])
            #expect(try await store.events(of: record.id, after: 2).map(\.kind) == [.stepStarted, .stepCompleted, .runCompleted])
            #expect(await store.recordText(record.id) == loaded.jsonText(pretty: false))
            #expect(await store.record("01NOSUCHRUN0000000000000000") == nil)
            #expect(await store.recordText("01NOSUCHRUN0000000000000000") == nil)
            await #expect(throws: RunStoreError.self) { try await store.append(RunEvent(.runStarted, time: t0), to: "01NOSUCHRUN0000000000000000") }
            await #expect(throws: RunStoreError.self) { try await store.events(of: "01NOSUCHRUN0000000000000000", after: 0) }
            try await store.flush()
        }
    }

    @Test(arguments: StoreKind.available)
    func countsByStatusAndLatestRunsAnswerAsListsDo(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(await store.countsByStatus() == Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) }))
            #expect(await store.latestRuns(of: ["a"]).isEmpty)
            var newest: [String: String] = [:]
            for index in 0..<9 {
                let workflow = ["a", "b", "team/c"][index % 3]
                let record = try await store.create(newRecord(workflow, at: t0.addingTimeInterval(Double(index))))
                newest[workflow] = record.id
                if index % 2 == 0 { try await finish(record.id, in: store, as: index % 4 == 0 ? .runFailed : .runCompleted) }
            }
            let counts = await store.countsByStatus()
            #expect(counts.count == RunStatus.allCases.count)
            for status in RunStatus.allCases {
                #expect(counts[status] == (await store.list(RunQuery(status: status, limit: 1))).total, "\(status)")
            }
            #expect(counts[.failed] == 3 && counts[.completed] == 2 && counts[.queued] == 4)
            let latest = await store.latestRuns(of: ["a", "team/c", "nope"])
            #expect(latest.mapValues(\.id) == ["a": newest["a"], "team/c": newest["team/c"]])
            #expect(latest["team/c"] == (await store.list(RunQuery(workflowID: "team/c", limit: 1))).runs.first)
        }
    }

    @Test(arguments: StoreKind.available)
    func listsNewestFirstWithEveryFilter(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ids: [String] = []
            for index in 0..<30 {
                let record = try await store.create(newRecord(index % 3 == 0 ? "a" : "b", at: t0.addingTimeInterval(Double(index)),
                                                              trigger: index % 2 == 0 ? .manual : RunTrigger(type: "schedule")))
                ids.append(record.id)
                if index % 5 == 0 { try await finish(record.id, in: store, as: .runFailed) }
            }
            let all = await store.list(RunQuery(limit: 10))
            #expect(all.total == 30)
            #expect(all.runs.map(\.id) == Array(ids.reversed().prefix(10)))
            #expect(all.runs.first?.workflowID == "b")
            #expect(all.runs.first?.createdAt == t0.addingTimeInterval(29))
            let page = await store.list(RunQuery(workflowID: "a", limit: 3, offset: 2))
            #expect(page.total == 10)
            #expect(page.runs.map(\.id) == [ids[21], ids[18], ids[15]])
            #expect(await store.list(RunQuery(status: .failed)).runs.map(\.id) == [ids[25], ids[20], ids[15], ids[10], ids[5], ids[0]])
            #expect(await store.list(RunQuery(status: .queued)).total == 24)
            #expect(await store.list(RunQuery(trigger: "schedule")).total == 15)
            #expect(await store.list(RunQuery(since: t0.addingTimeInterval(25))).total == 5)
            #expect(await store.list(RunQuery(since: t0.addingTimeInterval(10), until: t0.addingTimeInterval(12))).runs.map(\.id) == [ids[11], ids[10]])
            // Combinations: each answer is checked against a plain filter of all the runs.
            let workflowStatus = await store.list(RunQuery(workflowID: "a", status: .failed))
            #expect(workflowStatus.runs.map(\.id) == [ids[15], ids[0]])
            let mixed = await store.list(RunQuery(workflowID: "b", trigger: "schedule", since: t0.addingTimeInterval(5), until: t0.addingTimeInterval(20), limit: 2, offset: 1))
            let matching: [Int] = (5..<20).filter { $0 % 3 != 0 && $0 % 2 == 1 }
            let expected: [String] = matching.reversed().map { ids[$0] }
            #expect(mixed.total == expected.count)
            #expect(mixed.runs.map(\.id) == Array(expected.dropFirst().prefix(2)))
            #expect(await store.list(RunQuery(workflowID: "none")).total == 0)
            #expect(await store.list(RunQuery(trigger: "none")).total == 0)
            #expect(await store.list(RunQuery(offset: 30)).runs.isEmpty)
            #expect(await store.list(RunQuery(offset: 30)).total == 30)
        }
    }

    @Test(arguments: StoreKind.available)
    func pagesWithACursorThatNewRunsDontShift(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ids: [String] = []
            for index in 0..<12 {
                ids.append(try await store.create(newRecord(at: t0.addingTimeInterval(Double(index)))).id)
            }
            let first = await store.list(RunQuery(limit: 5))
            #expect(first.runs.map(\.id) == Array(ids.reversed().prefix(5)))
            let cursor = try #require(first.nextCursor)
            #expect(cursor == ids[7])
            // A new run arrives between the pages: the next page neither repeats nor skips one.
            _ = try await store.create(newRecord(at: t0.addingTimeInterval(100)))
            let second = await store.list(RunQuery(before: cursor, limit: 5))
            #expect(second.runs.map(\.id) == [ids[6], ids[5], ids[4], ids[3], ids[2]])
            #expect(second.total == 7)
            let secondCursor: String = try #require(second.nextCursor)
            let third = await store.list(RunQuery(before: secondCursor, limit: 5))
            #expect(third.runs.map(\.id) == [ids[1], ids[0]])
            #expect(third.nextCursor == nil)
            #expect(await store.list(RunQuery(workflowID: "team/flow", before: ids[3], limit: 1)).runs.map(\.id) == [ids[2]])
        }
    }

    @Test(arguments: StoreKind.available)
    func aStatusChangeMovesARunBetweenListings(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = try await store.create(newRecord())
            #expect(await store.list(RunQuery(status: .queued)).runs.map(\.id) == [record.id])
            try await store.append(RunEvent(.runStarted, time: t0), to: record.id)
            #expect(await store.list(RunQuery(status: .queued)).total == 0)
            #expect(await store.list(RunQuery(status: .running)).runs.map(\.id) == [record.id])
            try await store.append(RunEvent(.runCompleted, time: t0.addingTimeInterval(4)), to: record.id)
            #expect(await store.list(RunQuery(status: .running)).total == 0)
            let done = await store.list(RunQuery(status: .completed)).runs
            #expect(done.map(\.id) == [record.id])
            #expect(done.first?.completedAt == t0.addingTimeInterval(4))
        }
    }

    @Test(arguments: StoreKind.available)
    func timeRangesHoldWhenCreationTimesDontFollowTheIds(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Ids made in order, creation times not (a clock stepped back): ranges can't bisect.
            var ids: [String] = []
            for (index, offset) in [0.0, 10, 5, 20, 15].enumerated() {
                let record = RunRecord(id: RunID.make(at: t0.addingTimeInterval(Double(index))), workflowID: "w", trigger: .manual,
                                       inputs: [:], createdAt: t0.addingTimeInterval(offset))
                ids.append(try await store.create(record).id)
            }
            let page = await store.list(RunQuery(since: t0.addingTimeInterval(5), until: t0.addingTimeInterval(16)))
            #expect(page.runs.map(\.id) == [ids[4], ids[2], ids[1]])
        }
    }

    @Test(arguments: StoreKind.available)
    func runsRecordedOutOfIdOrderAreListedInIdOrder(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Ids made in order, runs recorded in another (runs created at once by several tasks).
            let records = (0..<24).map { newRecord($0 % 2 == 0 ? "a" : "b", at: t0.addingTimeInterval(Double($0))) }
            let order = [5, 0, 23, 11, 3, 17, 8, 1, 22, 14, 6, 19, 2, 9, 21, 12, 4, 16, 7, 20, 10, 15, 13, 18]
            for n in order {
                _ = try await store.create(records[n])
                if n % 3 == 0 { try await finish(records[n].id, in: store, as: .runFailed) }
            }
            let newestFirst = records.map(\.id).reversed()
            #expect(await store.list(RunQuery(limit: 100)).runs.map(\.id) == Array(newestFirst))
            #expect(await store.list(RunQuery(workflowID: "a", limit: 100)).runs.map(\.id)
                == records.indices.reversed().filter { $0 % 2 == 0 }.map { records[$0].id })
            #expect(await store.list(RunQuery(status: .failed, limit: 100)).runs.map(\.id)
                == records.indices.reversed().filter { $0 % 3 == 0 }.map { records[$0].id })
            #expect(await store.list(RunQuery(workflowID: "b", status: .queued, limit: 100)).runs.map(\.id)
                == records.indices.reversed().filter { $0 % 2 == 1 && $0 % 3 != 0 }.map { records[$0].id })
            #expect(await store.list(RunQuery(since: t0.addingTimeInterval(20), limit: 100)).runs.map(\.id) == Array(newestFirst.prefix(4)))
        }
    }

    @Test(arguments: StoreKind.available)
    func deletesOnlyFinishedRuns(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = try await store.create(newRecord())
            let other = try await store.create(newRecord(at: t0.addingTimeInterval(1)))
            await #expect(throws: RunStoreError.self) { try await store.delete(record.id) }
            try await store.append(RunEvent(.runCancelled, time: t0), to: record.id)
            try await store.delete(record.id)
            #expect(await store.record(record.id) == nil)
            #expect(await store.list(RunQuery()).runs.map(\.id) == [other.id])
            #expect(await store.list(RunQuery(status: .cancelled)).total == 0)
            await #expect(throws: RunStoreError.self) { try await store.delete(record.id) }
        }
    }

    @Test(arguments: StoreKind.available)
    func prunesByAgeAndByKeepLastButNeverUnfinishedRuns(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let day = 86_400.0
            var a: [String] = [], b: [String] = []
            for index in 0..<6 {
                let time = t0.addingTimeInterval(Double(index) * day)
                let ra = try await store.create(newRecord("a", at: time))
                a.append(ra.id)
                if index != 1 { try await finish(ra.id, in: store, at: time) }
                let rb = try await store.create(newRecord("b", at: time.addingTimeInterval(1)))
                b.append(rb.id)
                try await finish(rb.id, in: store, as: .runFailed, at: time)
            }
            let now = t0.addingTimeInterval(6 * day)
            #expect(try await store.prune(RetentionPolicy(), now: now).isEmpty)
            // Older than 3.5 days: days 0-2 go, except a's unfinished run of day 1.
            let byAge = try await store.prune(RetentionPolicy(maxAge: .seconds(Int64(3.5 * day))), now: now)
            #expect(Set(byAge) == [a[0], a[2], b[0], b[1], b[2]])
            #expect(await store.record(a[0]) == nil)
            #expect(await store.record(a[1])?.status == .queued)
            // The newest two of each workflow stay.
            let byCount = try await store.prune(RetentionPolicy(keepLast: 2), now: now)
            #expect(Set(byCount) == [a[3], b[3]])
            #expect(await store.list(RunQuery(workflowID: "a")).runs.map(\.id) == [a[5], a[4], a[1]])
            #expect(await store.list(RunQuery(workflowID: "b")).runs.map(\.id) == [b[5], b[4]])
            #expect(await store.list(RunQuery(status: .failed)).total == 2)
            await #expect(throws: RunStoreError.self) { try await store.events(of: b[0], after: 0) }
        }
    }

    @Test(arguments: StoreKind.available)
    func refusesASecondRunWithTheSameIdAndSaysWhichCode(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let input = newRecord()
            let record = try await store.create(input)
            let again = await #expect(throws: RunStoreError.self) { try await store.create(input) }
            #expect(again?.code == .alreadyExists)
            #expect(try await store.events(of: record.id, after: 0).map(\.id) == [1])
            let unfinished = await #expect(throws: RunStoreError.self) { try await store.delete(record.id) }
            #expect(unfinished?.code == .notFinished)
            let missing = await #expect(throws: RunStoreError.self) { try await store.delete("01NOSUCHRUN0000000000000000") }
            #expect(missing?.code == .notFound)
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentAppendsNumberEventsWithoutGapsOrRepeats(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = try await store.create(newRecord())
            try await withThrowingTaskGroup(of: [Int].self) { group in
                for task in 0..<20 {
                    group.addTask {
                        let events = (0..<3).map { RunEvent(.agentTurn, time: self.t0, stepID: "s\(task)", data: ["n": .number(Double($0))]) }
                        return try await store.append(contentsOf: events, to: record.id).map(\.id)
                    }
                }
                var all: [Int] = []
                for try await ids in group {
                    #expect(ids == Array(ids[0]..<ids[0] + 3))
                    all += ids
                }
                #expect(all.sorted() == Array(2...61))
            }
            let events = try await store.events(of: record.id, after: 0)
            #expect(events.map(\.id) == Array(1...61))
            #expect(await store.record(record.id)?.lastEventID == 61)
        }
    }

    @Test(arguments: StoreKind.available)
    func keepsStepLogsInOrderWithinTheirBound(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = try await store.create(newRecord())
            let first = try await store.appendLog([
                StepLogLine(stepID: "a", attempt: 1, stream: .stdout, time: t0, text: "one"),
                StepLogLine(stepID: "b", attempt: 1, stream: .stderr, time: t0, text: "two"),
            ], to: record.id)
            #expect(first.map(\.seq) == [1, 2])
            let big = String(repeating: "x", count: 4000)
            let lines = (0..<600).map { StepLogLine(stepID: "a", attempt: 1, stream: .stdout, time: t0, text: "\($0) " + big) }
            for chunk in stride(from: 0, to: lines.count, by: 100) {
                try await store.appendLog(Array(lines[chunk..<chunk + 100]), to: record.id)
            }
            let kept = try await store.log(of: record.id, step: "a", tail: nil)
            #expect(kept.reduce(0) { $0 + $1.size } <= StepLogLine.maxBytesPerStep)
            #expect(kept.last?.text.hasPrefix("599 ") == true)
            #expect(kept.map(\.seq) == kept.map(\.seq).sorted())
            #expect(try await store.log(of: record.id, step: "b", tail: nil).map(\.text) == ["two"])
            #expect(try await store.log(of: record.id, step: nil, tail: 2).map(\.seq) == [601, 602])
            await #expect(throws: RunStoreError.self) { try await store.log(of: "01NOSUCHRUN0000000000000000", step: nil, tail: nil) }
            await #expect(throws: RunStoreError.self) {
                try await store.appendLog([StepLogLine(stepID: "a", attempt: 1, stream: .stdout, time: self.t0, text: "x")], to: "01NOSUCHRUN0000000000000000")
            }
        }
    }
}
