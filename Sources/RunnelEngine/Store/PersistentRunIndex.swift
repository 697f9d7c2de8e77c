import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The run index on disk, `<state>/run-index/`: `checkpoint` (the whole index, written
/// atomically) and `journal` (what changed since, appended: one checksummed entry per change).
/// Opening reads the two and no record; a store of any size opens in the time it takes to
/// read them.
///
/// Every entry sets a run's whole summary or removes runs, so replaying the journal over any
/// checkpoint at or before its end gives the same index: a crash between writing a checkpoint
/// and emptying the journal loses nothing. A torn last entry (a kill mid-append) is dropped;
/// a checkpoint or a journal damaged elsewhere, or a missing checkpoint, makes the store
/// rebuild the index from the record files.
struct PersistentRunIndex {
    private(set) var index: RunIndex
    let folder: String
    /// The journal, for the store's group commit (an entry a run's files depend on is synced
    /// before they are written).
    private(set) var journal: AppendLog
    private var journalBytes = 0

    var checkpointPath: String { folder + "/checkpoint" }
    var journalPath: String { folder + "/journal" }

    /// Opens the index in `folder`, calling `rebuild` (the summaries of every record, and the
    /// problems met reading them) when it is missing or damaged.
    init(folder: String, problems: inout [String], rebuild: () -> (summaries: [RunSummary], problems: [String])) throws(RunStoreError) {
        self.folder = folder
        try DurableFile.makeFolder(folder)
        let checkpointPath = folder + "/checkpoint"
        let journalPath = folder + "/journal"
        var reason: String?
        var loaded: RunIndex?
        switch RunIndexCheckpoint.read(checkpointPath) {
        case .success(var index):
            let data = FileManager.default.contents(atPath: journalPath) ?? Data()
            let replay = data.withUnsafeBytes { Self.replay($0, into: &index) }
            switch replay {
            case .whole:
                loaded = index
                journalBytes = data.count
            case .torn(let valid):
                guard truncate(journalPath, off_t(valid)) == 0 else { throw .io("cannot truncate", journalPath, errno: errno) }
                problems.append("\(journalPath): a torn last entry (\(data.count - valid) bytes) was dropped")
                loaded = index
                journalBytes = valid
            case .damaged(let offset):
                reason = "its journal is damaged at byte \(offset)"
            }
        case .failure(.missing):
            reason = "missing"
        case .failure(.damaged(let why)):
            reason = "its checkpoint is damaged (\(why))"
        }
        if let loaded {
            index = loaded
        } else {
            let found = rebuild()
            index = RunIndex(found.summaries)
            problems += found.problems
            if reason != "missing" || index.count > 0 {
                problems.append("run index \(folder) \(reason == "missing" ? "was missing" : "was unusable: " + (reason ?? ""))"
                                + "; rebuilt from the files (\(index.count) runs)")
            }
            try DurableFile.atomicWrite(try RunIndexCheckpoint.encode(index), to: checkpointPath)
            if unlink(journalPath) != 0, errno != ENOENT { throw .io("cannot remove", journalPath, errno: errno) }
            journalBytes = 0
        }
        journal = try AppendLog(path: journalPath)
        try DurableFile.syncFolder(folder)
        if journalBytes > checkpointThreshold { try checkpoint() }
    }

    func summary(_ id: String) -> RunSummary? { index.summary(id) }

    func query(_ query: RunQuery) -> RunPage { index.query(query) }

    /// Sets a run's summary: journaled, then applied.
    mutating func upsert(_ summary: RunSummary) throws(RunStoreError) {
        var writer = ByteWriter()
        writer.integer(UInt8(1))
        try writer.summary(summary)
        try append(writer.bytes)
        index.upsert(summary)
        checkpointIfDue()
    }

    /// Removes runs (one journal entry for all of them).
    mutating func remove(_ ids: [String]) throws(RunStoreError) {
        guard !ids.isEmpty else { return }
        var writer = ByteWriter()
        writer.integer(UInt8(2))
        writer.integer(UInt32(ids.count))
        for id in ids { try writer.string(id) }
        try append(writer.bytes)
        index.remove(Set(ids))
        checkpointIfDue()
    }

    /// Writes the whole index as the checkpoint and empties the journal.
    mutating func checkpoint() throws(RunStoreError) {
        try DurableFile.atomicWrite(try RunIndexCheckpoint.encode(index), to: checkpointPath)
        if unlink(journalPath) != 0, errno != ENOENT { throw .io("cannot remove", journalPath, errno: errno) }
        journal = try AppendLog(path: journalPath)
        try DurableFile.syncFolder(folder)
        journalBytes = 0
    }

    /// The journal is folded into a new checkpoint past this size (a replay stays a small part
    /// of opening).
    private var checkpointThreshold: Int { max(256 * 1024, index.count * 8) }

    private mutating func append(_ payload: [UInt8]) throws(RunStoreError) {
        guard let length = UInt32(exactly: payload.count) else {
            throw RunStoreError(description: "cannot index \(payload.count) bytes in one entry")
        }
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(payload.count + 12)
        writer.integer(length)
        writer.integer(RunIndexCoding.checksum(payload))
        writer.bytes += payload
        try journal.append(writer.bytes)
        journalBytes += writer.bytes.count
    }

    /// A checkpoint when the journal has grown past ``checkpointThreshold``. One that fails
    /// (a full disk) is tried again at the next change: the journal still holds everything.
    private mutating func checkpointIfDue() {
        if journalBytes > checkpointThreshold { try? checkpoint() }
    }

    enum Replay: Equatable {
        case whole
        /// The entries up to this byte are whole; the rest is one torn entry.
        case torn(Int)
        /// An entry is damaged at this byte, with more after it.
        case damaged(Int)
    }

    /// Applies a journal's entries to `index` in order.
    static func replay(_ bytes: UnsafeRawBufferPointer, into index: inout RunIndex) -> Replay {
        var reader = ByteReader(bytes)
        while !reader.atEnd {
            let start = reader.offset
            guard let length = reader.integer(UInt32.self), let checksum = reader.integer(UInt64.self),
                  Int(length) <= bytes.count - reader.offset
            else { return .torn(start) }
            let end = reader.offset + Int(length)
            let payload = UnsafeRawBufferPointer(rebasing: bytes[reader.offset..<end])
            guard RunIndexCoding.checksum(payload) == checksum else { return end == bytes.count ? .torn(start) : .damaged(start) }
            var entry = ByteReader(payload)
            switch entry.integer(UInt8.self) {
            case 1:
                guard let summary = entry.summary(), entry.atEnd else { return .damaged(start) }
                index.upsert(summary)
            case 2:
                guard let count = entry.integer(UInt32.self), Int(count) <= payload.count else { return .damaged(start) }
                var ids: Set<String> = []
                for _ in 0..<count {
                    guard let id = entry.string() else { return .damaged(start) }
                    ids.insert(id)
                }
                guard entry.atEnd else { return .damaged(start) }
                index.remove(ids)
            default:
                return .damaged(start)
            }
            reader.offset = end
        }
        return .whole
    }
}
