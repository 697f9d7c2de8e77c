import Subprocess

/// The first `limit` bytes of a stream; the rest is read and dropped so that the child never
/// blocks on a full pipe and memory stays bounded whatever it prints.
struct CappedOutput: Sendable {
    var bytes: [UInt8] = []
    var truncated = false

    /// The bytes as text (invalid UTF-8 replaced).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The last non-empty line, for an error message.
    var lastLine: String? {
        text.split(whereSeparator: \.isNewline).last.map(String.init).map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 }
    }

    static func collect(_ stream: SubprocessOutputSequence, limit: Int) async throws -> CappedOutput {
        var result = CappedOutput()
        for try await buffer in stream {
            guard !result.truncated else { continue }
            buffer.withUnsafeBytes { raw in
                let room = limit - result.bytes.count
                if raw.count <= room {
                    result.bytes.append(contentsOf: raw)
                } else {
                    result.bytes.append(contentsOf: raw.prefix(max(0, room)))
                    result.truncated = true
                }
            }
        }
        return result
    }
}
