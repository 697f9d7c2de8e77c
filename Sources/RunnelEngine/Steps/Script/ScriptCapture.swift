import Foundation
import Subprocess

/// What a script wrote, as it writes it: the first `limit` bytes of stdout and stderr for the
/// step's output, and every line for the step's log. It lives outside the call that reads the
/// pipes, so a script stopped by a timeout or a cancellation keeps what it wrote before.
final class ScriptCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var stdout = CappedOutput()
    private var stderr = CappedOutput()
    private let limit: Int
    private let log: StepLog?

    init(limit: Int, log: StepLog?) {
        self.limit = limit
        self.log = log
    }

    /// stdout and stderr as read so far.
    var outputs: (stdout: CappedOutput, stderr: CappedOutput) {
        lock.lock()
        defer { lock.unlock() }
        return (stdout, stderr)
    }

    /// Reads `sequence` to its end (or until the read is cancelled), keeping its bytes and
    /// logging its lines; a last line without a line break is logged at the end.
    func read(_ sequence: SubprocessOutputSequence, as stream: StepLogLine.Stream) async {
        var lines = LineSplitter()
        do {
            for try await buffer in sequence {
                buffer.withUnsafeBytes { raw in
                    lock.lock()
                    if stream == .stdout { stdout.append(raw, limit: limit) } else { stderr.append(raw, limit: limit) }
                    lock.unlock()
                    guard let log else { return }
                    for line in lines.add(raw) { log.write(stream, line) }
                }
            }
        } catch {
            // Cancelled (a timeout, a cancelled run): what was read is kept.
        }
        if let log, let last = lines.rest() { log.write(stream, last) }
    }
}

/// Cuts a byte stream into lines (`\n`, a `\r` before it dropped); a line longer than
/// ``StepLogLine/maxLineBytes`` is cut at a character boundary.
struct LineSplitter {
    private var partial: [UInt8] = []

    mutating func add(_ chunk: UnsafeRawBufferPointer) -> [String] {
        var result: [String] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
                result.append(String(decoding: partial, as: UTF8.self))
                partial.removeAll(keepingCapacity: true)
                continue
            }
            partial.append(byte)
            if partial.count >= StepLogLine.maxLineBytes {
                let cut = Self.completeLength(partial)
                result.append(String(decoding: partial[..<cut], as: UTF8.self))
                partial.removeFirst(cut)
            }
        }
        return result
    }

    /// How many of `bytes` end on a whole UTF-8 character (a character cut short at the
    /// end is left for the next piece).
    static func completeLength(_ bytes: [UInt8]) -> Int {
        guard let lead = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }), lead > 0 else { return bytes.count }
        let byte = bytes[lead]
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        return lead + length <= bytes.count ? bytes.count : lead
    }

    /// The last line when it has no line break.
    mutating func rest() -> String? {
        guard !partial.isEmpty else { return nil }
        defer { partial.removeAll() }
        return String(decoding: partial, as: UTF8.self)
    }
}
