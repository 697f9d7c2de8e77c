public import Foundation
import Synchronization

/// Run ids: 26 characters of Crockford base32 (a ULID), the first ten encoding the creation
/// time in milliseconds, so that ids sort by time as strings. Ids made in one process are
/// strictly increasing within one millisecond (the random part is incremented).
public enum RunID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private static let last = Mutex<(milliseconds: UInt64, random: [UInt8])>((0, []))

    /// A new id for a run created at `date`.
    public static func make(at date: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded()))
        let random: [UInt8] = last.withLock { state in
            if milliseconds == state.milliseconds, !state.random.isEmpty {
                state.random = increment(state.random)
                return state.random
            }
            var generator = SystemRandomNumberGenerator()
            // The top bit stays clear so that increments never overflow in practice.
            var digits = (0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next() & 31) }
            digits[0] &= 15
            state = (milliseconds, digits)
            return digits
        }
        return encode(milliseconds: milliseconds, random: random)
    }

    private static func increment(_ digits: [UInt8]) -> [UInt8] {
        var digits = digits
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 31 {
                digits[index] += 1
                return digits
            }
            digits[index] = 0
            index -= 1
        }
        return digits
    }

    private static func encode(milliseconds: UInt64, random: [UInt8]) -> String {
        var value = milliseconds
        var bytes = [UInt8](repeating: 0, count: 26)
        for index in stride(from: 9, through: 0, by: -1) {
            bytes[index] = alphabet[Int(value & 31)]
            value >>= 5
        }
        for (offset, digit) in random.prefix(16).enumerated() { bytes[10 + offset] = alphabet[Int(digit & 31)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` looks like a run id (safe to use as a file name).
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
