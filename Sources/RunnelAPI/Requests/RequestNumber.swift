import Foundation
import RunnelCore

/// Numbers read from a request (a JSON body, a query string, a path segment, a header), each
/// through one checked conversion: a value that isn't a whole number in range is a 400 that
/// names it and the range, never a trap (`1e300` as a version, `-1` as an offset).
enum RequestNumber {
    /// `value` as a whole number in `range`; `nil` when absent (`nil` or JSON `null`).
    /// - Throws: a 400 naming `name` when it is not a whole number in `range`.
    static func integer(_ value: JSONValue?, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard case .number(let number) = value, let whole = Int(exactly: number), range.contains(whole) else {
            throw outOfRange(name, range, value.serialized())
        }
        return whole
    }

    /// `text` (a query value, a path segment or a header) as a whole number in `range`;
    /// `nil` when absent.
    /// - Throws: a 400 naming `name` when it is not a whole number in `range`.
    static func integer(_ text: String?, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let whole = parse(text, in: range) else { throw outOfRange(name, range, "'\(text)'") }
        return whole
    }

    /// `text` as a whole number in `range`, or `nil`.
    static func parse(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let whole = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(whole) else { return nil }
        return whole
    }

    /// `name` from a JSON body, required.
    static func required(_ body: [String: JSONValue], _ name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let number = try integer(body[name], name, in: range) else {
            throw APIError.badRequest("'\(name)' (a whole number from \(range.lowerBound) to \(range.upperBound)) is required")
        }
        return number
    }

    static func outOfRange(_ name: String, _ range: ClosedRange<Int>, _ shown: String) -> APIError {
        let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
        return APIError.badRequest("'\(name)' must be a whole number from \(range.lowerBound)\(upper), not \(shown)")
    }
}

extension ClosedRange where Bound == Int {
    /// Version numbers and other counts from 1 (capped where a JSON number stays exact).
    static let positive = 1...Int(Int32.max)
    /// Offsets and ids from 0.
    static let nonNegative = 0...Int(Int32.max)
}
