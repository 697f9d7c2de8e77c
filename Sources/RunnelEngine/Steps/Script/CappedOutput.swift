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

    /// Keeps what fits of `chunk`.
    mutating func append(_ chunk: UnsafeRawBufferPointer, limit: Int) {
        guard !truncated else { return }
        let room = limit - bytes.count
        if chunk.count <= room {
            bytes.append(contentsOf: chunk)
        } else {
            bytes.append(contentsOf: chunk.prefix(max(0, room)))
            truncated = true
        }
    }
}
