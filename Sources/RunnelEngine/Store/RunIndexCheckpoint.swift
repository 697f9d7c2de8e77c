import Foundation

/// The run index's checkpoint file: the whole index at one moment, written atomically
/// (``DurableFile/atomicWrite(_:to:)``) and read back without touching a record.
///
/// Layout: the magic, the workflow names and the trigger names (a 32-bit count, then the
/// strings), a 64-bit entry count, the entries in id order (id, workflow and trigger numbers,
/// status, created and completed times), and a checksum of everything before it.
enum RunIndexCheckpoint {
    static func encode(_ index: RunIndex) throws(RunStoreError) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(64 + index.count * 52)
        writer.bytes += RunIndexCoding.magic
        let names = index.names
        for list in [names.workflows, names.triggers] {
            writer.integer(UInt32(list.count))
            for name in list { try writer.string(name) }
        }
        writer.integer(UInt64(index.count))
        for entry in index.entries {
            try writer.string(entry.id)
            writer.integer(UInt32(entry.workflow))
            writer.integer(UInt32(entry.trigger))
            writer.integer(UInt8(entry.status.number))
            writer.date(entry.createdAt)
            writer.integer(UInt8(entry.completedAt == nil ? 0 : 1))
            writer.date(entry.completedAt ?? Date(timeIntervalSinceReferenceDate: 0))
        }
        writer.integer(RunIndexCoding.checksum(writer.bytes))
        return writer.bytes
    }

    /// Why a checkpoint could not be read.
    enum Failure: Error {
        case missing
        case damaged(String)
    }

    static func read(_ path: String) -> Result<RunIndex, Failure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(FileManager.default.fileExists(atPath: path) ? .damaged("cannot be read") : .missing)
        }
        return data.withUnsafeBytes { bytes in decode(bytes) }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> Result<RunIndex, Failure> {
        let magic = RunIndexCoding.magic
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else {
            return .failure(.damaged("not a run index checkpoint"))
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[0..<bytes.count - 8])
        let stored = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        guard UInt64(littleEndian: stored) == RunIndexCoding.checksum(body) else { return .failure(.damaged("checksum mismatch")) }
        var reader = ByteReader(body)
        reader.offset = magic.count
        var lists: [[String]] = []
        for _ in 0..<2 {
            guard let count = reader.integer(UInt32.self), Int(count) <= body.count else { return .failure(.damaged("bad name table")) }
            var names: [String] = []
            for _ in 0..<count {
                guard let name = reader.string() else { return .failure(.damaged("bad name table")) }
                names.append(name)
            }
            lists.append(names)
        }
        guard let total = reader.integer(UInt64.self), total <= UInt64(body.count) else { return .failure(.damaged("bad entry count")) }
        var entries: [RunIndex.Entry] = []
        entries.reserveCapacity(Int(total))
        for _ in 0..<total {
            guard let id = reader.string(), let workflow = reader.integer(UInt32.self), let trigger = reader.integer(UInt32.self),
                  let status = reader.status(), let createdAt = reader.date(), let hasCompleted = reader.integer(UInt8.self),
                  let completedAt = reader.date(),
                  Int(workflow) < lists[0].count, Int(trigger) < lists[1].count,
                  let workflowNumber = Int32(exactly: workflow), let triggerNumber = Int32(exactly: trigger),
                  entries.last.map({ $0.id < id }) ?? true
            else { return .failure(.damaged("bad entry \(entries.count + 1)")) }
            entries.append(RunIndex.Entry(id: id, workflow: workflowNumber, trigger: triggerNumber, status: status,
                                          createdAt: createdAt, completedAt: hasCompleted == 1 ? completedAt : nil))
        }
        guard reader.atEnd else { return .failure(.damaged("trailing bytes")) }
        return .success(RunIndex(sortedEntries: entries, workflowNames: lists[0], triggerNames: lists[1]))
    }
}
