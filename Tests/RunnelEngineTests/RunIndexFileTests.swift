import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// The file store's persistent index (`<state>/run-index/`): opened without reading records,
/// kept in step with the files across crashes, rebuilt from the files when missing or damaged.
@Suite struct RunIndexFileTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func newRecord(_ workflowID: String = "w", at offset: Double) -> RunRecord {
        let time = t0.addingTimeInterval(offset)
        return RunRecord(id: RunID.make(at: time), workflowID: workflowID, trigger: .manual, inputs: [:], createdAt: time)
    }

    /// Three finished runs and one running, in a store at `folder`.
    func populate(_ folder: TemporaryFolder) async throws -> [String] {
        let store = try FileRunStore(state: folder.path)
        var ids: [String] = []
        for index in 0..<4 {
            let record = try await store.create(newRecord(index % 2 == 0 ? "a" : "b", at: Double(index)))
            ids.append(record.id)
            try await store.append(RunEvent(.runStarted, time: t0), to: record.id)
            if index < 3 { try await store.append(RunEvent(index == 1 ? .runFailed : .runCompleted, time: t0), to: record.id) }
        }
        return ids
    }

    func listing(_ store: FileRunStore) async -> [RunSummary] {
        await store.list(RunQuery(limit: 1000)).runs
    }

    var indexFolder: (TemporaryFolder) -> String { { $0.path + "/run-index" } }

    @Test func opensFromTheIndexWithoutReadingAFinishedRecord() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ids = try await populate(folder)
        let before = await listing(try FileRunStore(state: folder.path))
        // A finished record that can't be read: opening doesn't notice, the listing is the index's.
        try "garbage".write(toFile: folder.path + "/runs/a/\(ids[0]).json", atomically: false, encoding: .utf8)
        let reopened = try FileRunStore(state: folder.path)
        #expect(await reopened.problems.isEmpty)
        #expect(await listing(reopened) == before)
        #expect(await reopened.list(RunQuery(status: .failed)).runs.map(\.id) == [ids[1]])
        #expect(await reopened.unfinished().map(\.id) == [ids[3]])
        #expect(await reopened.record(ids[0]) == nil, "read on demand, and unreadable")
    }

    @Test func aDeletedIndexIsRebuiltFromTheFiles() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ids = try await populate(folder)
        let before = await listing(try FileRunStore(state: folder.path))
        try FileManager.default.removeItem(atPath: indexFolder(folder))
        let reopened = try FileRunStore(state: folder.path)
        let problems = await reopened.problems
        #expect(problems.count == 1 && problems[0].contains("was missing; rebuilt from the files (4 runs)"), "\(problems)")
        #expect(await listing(reopened) == before)
        #expect(await reopened.unfinished().map(\.id) == [ids[3]])
        // The rebuilt index is written: the next open reads it without a word.
        #expect(await listing(try FileRunStore(state: folder.path)) == before)
        #expect(await (try FileRunStore(state: folder.path)).problems.isEmpty)
    }

    @Test func aCorruptCheckpointIsRebuiltFromTheFiles() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try await populate(folder)
        let store = try FileRunStore(state: folder.path)
        let before = await listing(store)
        try await store.flush()
        // Fold the journal into the checkpoint, then damage one byte of it.
        var ignored: [String] = []
        var index = try PersistentRunIndex(folder: indexFolder(folder), problems: &ignored) { ([], []) }
        try index.checkpoint()
        let path = indexFolder(folder) + "/checkpoint"
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        let reopened = try FileRunStore(state: folder.path)
        let problems = await reopened.problems
        #expect(problems.contains { $0.contains("its checkpoint is damaged (checksum mismatch); rebuilt from the files (4 runs)") }, "\(problems)")
        #expect(await listing(reopened) == before)
    }

    @Test func aTornLastJournalEntryIsDroppedAndTheJournalGoesOn() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try await populate(folder)
        let before = await listing(try FileRunStore(state: folder.path))
        // A kill -9 in the middle of an append: the first 20 bytes of an entry for a run that
        // never got its files (an index entry is written before its run's files).
        let path = indexFolder(folder) + "/journal"
        let size = try #require(FileManager.default.contents(atPath: path)).count
        var writer = ByteWriter()
        try writer.summary(RunSummary(newRecord(at: 99)))
        var entry = ByteWriter()
        entry.integer(UInt32(writer.bytes.count + 1))
        entry.integer(UInt64(12345))
        entry.bytes += [1] + writer.bytes
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(entry.bytes.prefix(20)))
        try handle.close()

        let reopened = try FileRunStore(state: folder.path)
        let problems = await reopened.problems
        #expect(problems == ["\(path): a torn last entry (20 bytes) was dropped"])
        #expect(await listing(reopened) == before)
        #expect(try #require(FileManager.default.contents(atPath: path)).count == size)
        // New entries follow the whole ones.
        let added = try await reopened.create(newRecord(at: 50))
        let again = try FileRunStore(state: folder.path)
        #expect(await again.problems.isEmpty)
        #expect(await listing(again).first?.id == added.id)
    }

    @Test func aJournalDamagedBeforeItsEndIsRebuiltFromTheFiles() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try await populate(folder)
        let before = await listing(try FileRunStore(state: folder.path))
        let path = indexFolder(folder) + "/journal"
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[14] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let reopened = try FileRunStore(state: folder.path)
        let problems = await reopened.problems
        #expect(problems.contains { $0.contains("its journal is damaged at byte 0; rebuilt from the files (4 runs)") }, "\(problems)")
        #expect(await listing(reopened) == before)
    }

    @Test func anIndexedRunWithoutFilesIsDroppedAndAStaleStatusIsReadFromTheFiles() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ids = try await populate(folder)
        // The run finishes in its files...
        let store = try FileRunStore(state: folder.path)
        try await store.append(RunEvent(.runCompleted, time: t0.addingTimeInterval(9)), to: ids[3])
        // ...but, as after crashes, the index last says it runs, and holds a run journaled
        // before its first file was written.
        var ignored: [String] = []
        var index = try PersistentRunIndex(folder: indexFolder(folder), problems: &ignored) { ([], []) }
        let ghost = RunSummary(newRecord(at: 40))
        try index.upsert(ghost)
        var running = try #require(index.summary(ids[3]))
        #expect(running.status == .completed)
        running.status = .running
        running.completedAt = nil
        try index.upsert(running)

        let reopened = try FileRunStore(state: folder.path)
        let problems = await reopened.problems
        #expect(problems.count == 1 && problems[0].contains("1 unfinished run(s) in the index had no files (\(ghost.id))"), "\(problems)")
        #expect(await reopened.unfinished().isEmpty)
        #expect(await reopened.list(RunQuery(status: .completed)).runs.map(\.id) == [ids[3], ids[2], ids[0]])
        #expect(await reopened.list(RunQuery(status: .running)).total == 0)
        #expect(await reopened.list(RunQuery()).total == 4)
    }

    @Test func storesOfOneStateFolderInTwoProcessesSeeEachOthersRunsAndShareTheJournal() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Two stores on one folder stand for two processes (the daemon and `runnel run`):
        // each flock and each file is opened separately.
        let daemon = try FileRunStore(state: folder.path)
        let cli = try FileRunStore(state: folder.path)
        let first = try await daemon.create(newRecord(at: 1))
        #expect(await cli.list(RunQuery()).runs.map(\.id) == [first.id])
        let second = try await cli.create(newRecord("b", at: 2))
        try await cli.append(RunEvent(.runStarted, time: t0), to: second.id)
        try await cli.append(RunEvent(.runFailed, time: t0, error: "x"), to: second.id)
        #expect(await daemon.list(RunQuery(status: .failed)).runs.map(\.id) == [second.id])
        // A third folds the journal into a new checkpoint: the others append to the new one.
        var ignored: [String] = []
        var index = try PersistentRunIndex(folder: indexFolder(folder), problems: &ignored) { ([], []) }
        try index.checkpoint()
        let third = try await daemon.create(newRecord(at: 3))
        #expect(await cli.list(RunQuery()).runs.map(\.id) == [third.id, second.id, first.id])
        let reopened = try FileRunStore(state: folder.path)
        #expect(await reopened.problems.isEmpty)
        #expect(await reopened.list(RunQuery()).runs.map(\.id) == [third.id, second.id, first.id])
        #expect(await reopened.list(RunQuery(status: .failed)).runs.map(\.id) == [second.id])
    }

    @Test func theJournalIsFoldedIntoACheckpointAsItGrows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var ignored: [String] = []
        var index = try PersistentRunIndex(folder: folder.path, problems: &ignored) { ([], []) }
        var expected = RunIndex()
        for n in 0..<6_000 {
            var summary = RunSummary(newRecord("w\(n % 7)", at: Double(n)))
            try index.upsert(summary)
            summary.status = n % 3 == 0 ? .failed : .completed
            summary.completedAt = summary.createdAt.addingTimeInterval(1)
            try index.upsert(summary)
            expected.upsert(summary)
            if n % 1000 == 999 { try index.remove([summary.id]); expected.remove([summary.id]) }
        }
        let journal = try #require(FileManager.default.contents(atPath: folder.path + "/journal")).count
        #expect(journal <= 256 * 1024, "folded at 256 KiB, not \(journal) bytes")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/checkpoint"))
        var problems: [String] = []
        let reopened = try PersistentRunIndex(folder: folder.path, problems: &problems) { Issue.record("rebuilt"); return ([], []) }
        #expect(problems.isEmpty)
        #expect(reopened.index.summaries == expected.summaries)
        #expect(reopened.index.count == 5_994)
        #expect(reopened.query(RunQuery(workflowID: "w3", status: .failed, limit: 5)).runs
            == expected.query(RunQuery(workflowID: "w3", status: .failed, limit: 5)).runs)
    }
}
