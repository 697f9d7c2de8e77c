public import Foundation

/// Run ids: 26 characters of Crockford base32 (a ULID), the first ten encoding the creation
/// time in milliseconds, so that ids sort by time as strings.
public enum RunID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new id for a run created at `date`.
    public static func make(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(at: date, using: &generator)
    }

    /// A new id with randomness from `generator` (tests).
    public static func make(at date: Date, using generator: inout some RandomNumberGenerator) -> String {
        var milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 26)
        for index in stride(from: 9, through: 0, by: -1) {
            bytes[index] = alphabet[Int(milliseconds & 31)]
            milliseconds >>= 5
        }
        for index in 10..<26 {
            bytes[index] = alphabet[Int(generator.next() & 31)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` looks like a run id (safe to use as a file name).
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
