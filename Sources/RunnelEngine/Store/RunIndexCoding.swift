import Foundation

/// The binary form of the run index's checkpoint and journal: little-endian integers,
/// strings as a 16-bit length and UTF-8 bytes, and a 64-bit checksum guarding each whole
/// (the checkpoint) or each entry (the journal).
enum RunIndexCoding {
    /// The checkpoint's first bytes (the last digit is the format's version).
    static let magic = Array("RUNIDX1\n".utf8)

    /// A checksum of `bytes` (FNV-1a over 8-byte words, then the tail): enough to tell a torn
    /// or damaged file from a whole one, fast enough for 50 MB in a few milliseconds.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* prime
            offset += 1
        }
        return hash ^ UInt64(bytes.count)
    }

    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}

/// Builds bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func date(_ date: Date) {
        integer(date.timeIntervalSinceReferenceDate.bitPattern)
    }

    mutating func string(_ text: String) throws(RunStoreError) {
        let utf8 = text.utf8
        guard let count = UInt16(exactly: utf8.count) else {
            throw RunStoreError(code: .corrupt, description: "cannot index a name of \(utf8.count) bytes (at most 65535)")
        }
        integer(count)
        bytes.append(contentsOf: utf8)
    }

    mutating func summary(_ summary: RunSummary) throws(RunStoreError) {
        try string(summary.id)
        try string(summary.workflowID)
        try string(summary.trigger)
        integer(UInt8(summary.status.number))
        date(summary.createdAt)
        integer(UInt8(summary.completedAt == nil ? 0 : 1))
        date(summary.completedAt ?? Date(timeIntervalSinceReferenceDate: 0))
    }
}

/// Reads bytes; every read is bounds-checked and answers nil past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { return nil }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: value)
    }

    mutating func date() -> Date? {
        integer(UInt64.self).map { Date(timeIntervalSinceReferenceDate: Double(bitPattern: $0)) }
    }

    mutating func string() -> String? {
        guard let count = integer(UInt16.self).map(Int.init), offset + count <= bytes.count else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
        offset += count
        return text
    }

    mutating func status() -> RunStatus? {
        guard let number = integer(UInt8.self).map(Int.init), number < RunStatus.allCases.count else { return nil }
        return RunStatus.allCases[number]
    }

    mutating func summary() -> RunSummary? {
        guard let id = string(), let workflowID = string(), let trigger = string(), let status = status(),
              let createdAt = date(), let hasCompleted = integer(UInt8.self), let completedAt = date()
        else { return nil }
        return RunSummary(id: id, workflowID: workflowID, status: status, trigger: trigger, createdAt: createdAt,
                          completedAt: hasCompleted == 1 ? completedAt : nil)
    }
}
