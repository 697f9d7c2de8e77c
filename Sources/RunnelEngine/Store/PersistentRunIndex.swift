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
    /// The journal's bytes applied to ``index`` (its size, as far as this process knows).
    private var journalBytes = 0
    /// The journal file those bytes are in (another process's checkpoint replaces it).
    private var journalInode: ino_t = 0
    /// Held while the files change: processes sharing a state folder (the daemon, `runnel
    /// run`, `runnel runs`) take turns, and each first applies what the others appended.
    private let lock: FileLock

    var checkpointPath: String { folder + "/checkpoint" }
    var journalPath: String { folder + "/journal" }

    /// Opens the index in `folder`, calling `rebuild` (the summaries of every record, and the
    /// problems met reading them) when it is missing or damaged.
    init(folder: String, problems: inout [String], rebuild: () -> (summaries: [RunSummary], problems: [String])) throws(RunStoreError) {
        self.folder = folder
        try DurableFile.makeFolder(folder)
        let lock = try FileLock(path: folder + "/lock")
        self.lock = lock
        lock.lock()
        defer { lock.unlock() }
        let checkpointPath = folder + "/checkpoint"
        let journalPath = folder + "/journal"
        var reason: String?
        var loaded: RunIndex?
        switch Self.load(folder: folder) {
        case .success(let (index, bytes, replay)):
            switch replay {
            case .whole:
                loaded = index
                journalBytes = bytes
            case .torn(let valid):
                // Under the lock no one is appending: the torn entry is a dead writer's.
                guard truncate(journalPath, off_t(valid)) == 0 else { throw .io("cannot truncate", journalPath, errno: errno) }
                problems.append("\(journalPath): a torn last entry (\(bytes - valid) bytes) was dropped")
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
        journalInode = Self.inode(journalPath) ?? 0
        if journalBytes > checkpointThreshold { try checkpoint() }
    }

    /// The checkpoint with the journal replayed over it: the index, the journal's size, and
    /// how the replay ended.
    private static func load(folder: String) -> Result<(RunIndex, Int, Replay), RunIndexCheckpoint.Failure> {
        RunIndexCheckpoint.read(folder + "/checkpoint").map { index in
            var index = index
            let data = FileManager.default.contents(atPath: folder + "/journal") ?? Data()
            let replay = data.withUnsafeBytes { Self.replay($0, into: &index) }
            return (index, data.count, replay)
        }
    }

    func summary(_ id: String) -> RunSummary? { index.summary(id) }

    func query(_ query: RunQuery) -> RunPage { index.query(query) }

    var statusCounts: [RunStatus: Int] { index.statusCounts }

    func latest(of workflowIDs: [String]) -> [String: RunSummary] { index.latest(of: workflowIDs) }

    /// Sets a run's summary: journaled, then applied.
    mutating func upsert(_ summary: RunSummary) throws(RunStoreError) {
        var writer = ByteWriter()
        writer.integer(UInt8(1))
        try writer.summary(summary)
        try change(writer.bytes) { $0.upsert(summary) }
    }

    /// Removes runs (one journal entry for all of them).
    mutating func remove(_ ids: [String]) throws(RunStoreError) {
        guard !ids.isEmpty else { return }
        var writer = ByteWriter()
        writer.integer(UInt8(2))
        writer.integer(UInt32(ids.count))
        for id in ids { try writer.string(id) }
        try change(writer.bytes) { $0.remove(Set(ids)) }
    }

    /// Applies what other processes appended since this one last looked (whole entries
    /// only: one may be appending right now). Cheap when nothing changed: one `stat`.
    mutating func refresh() {
        var info = stat()
        guard stat(journalPath, &info) == 0 else { return }
        if info.st_ino != journalInode {
            // Another process folded the journal into a new checkpoint.
            guard case .success(let (index, bytes, replay)) = Self.load(folder: folder),
                  let log = try? AppendLog(path: journalPath) else { return }
            self.index = index
            journal = log
            journalInode = info.st_ino
            if case .torn(let valid) = replay { journalBytes = valid } else { journalBytes = bytes }
            return
        }
        let size = Int(info.st_size)
        guard size > journalBytes else { return }
        let fd = open(journalPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size - journalBytes)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(journalBytes)) }
        guard count > 0 else { return }
        var applied = 0
        let replay = bytes.withUnsafeBytes { buffer in
            Self.replay(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), into: &index, applied: &applied)
        }
        _ = replay
        journalBytes += applied
    }

    /// Writes the whole index as the checkpoint and empties the journal.
    mutating func checkpoint() throws(RunStoreError) {
        try DurableFile.atomicWrite(try RunIndexCheckpoint.encode(index), to: checkpointPath)
        if unlink(journalPath) != 0, errno != ENOENT { throw .io("cannot remove", journalPath, errno: errno) }
        journal = try AppendLog(path: journalPath)
        try DurableFile.syncFolder(folder)
        journalInode = Self.inode(journalPath) ?? 0
        journalBytes = 0
    }

    /// The journal is folded into a new checkpoint past this size (a replay stays a small part
    /// of opening).
    private var checkpointThreshold: Int { max(256 * 1024, index.count * 8) }

    /// Under the lock: catches up with other processes, appends the entry, applies it, and
    /// folds the journal when it has grown.
    private mutating func change(_ payload: [UInt8], apply: (inout RunIndex) -> Void) throws(RunStoreError) {
        guard let length = UInt32(exactly: payload.count) else {
            throw RunStoreError(code: .corrupt, description: "cannot index \(payload.count) bytes in one entry")
        }
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(payload.count + 12)
        writer.integer(length)
        writer.integer(RunIndexCoding.checksum(payload))
        writer.bytes += payload
        lock.lock()
        defer { lock.unlock() }
        refresh()
        try journal.append(writer.bytes)
        journalBytes += writer.bytes.count
        apply(&index)
        // One that fails (a full disk) is tried again at the next change: the journal still
        // holds everything.
        if journalBytes > checkpointThreshold { try? checkpoint() }
    }

    private static func inode(_ path: String) -> ino_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_ino : nil
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
        var applied = 0
        return replay(bytes, into: &index, applied: &applied)
    }

    /// As ``replay(_:into:)``, counting the bytes of the whole entries applied.
    static func replay(_ bytes: UnsafeRawBufferPointer, into index: inout RunIndex, applied: inout Int) -> Replay {
        var reader = ByteReader(bytes)
        applied = 0
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
            applied = end
        }
        return .whole
    }
}
