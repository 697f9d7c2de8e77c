/// The paging of a list (`/api/workflows`, `/api/runs`, `runnel runs`): one parser and one
/// range, the documented one (`limit` 1…200, default 50; `offset` from 0).
public struct ListQuery: Sendable, Equatable {
    /// The limits a page may have.
    public static let limits = 1...200
    /// The offsets a page may start at.
    public static let offsets = 0...Int(Int32.max)
    /// The page size when none is given.
    public static let defaultLimit = 50

    /// At most this many items.
    public var limit: Int
    /// Skip this many matches first.
    public var offset: Int

    /// A page, checked against ``limits`` and ``offsets``.
    /// - Throws: ``ListQueryError`` naming the parameter that is out of range.
    public init(limit: Int = defaultLimit, offset: Int = 0) throws(ListQueryError) {
        guard Self.limits.contains(limit) else { throw ListQueryError(name: "limit", range: Self.limits, given: String(limit)) }
        guard Self.offsets.contains(offset) else { throw ListQueryError(name: "offset", range: Self.offsets, given: String(offset)) }
        self.limit = limit
        self.offset = offset
    }

    /// A page from text (query parameters): absent values take the defaults.
    /// - Throws: ``ListQueryError`` when a value isn't a whole number in its range.
    public init(limit: String?, offset: String?, defaultLimit: Int = ListQuery.defaultLimit) throws(ListQueryError) {
        func number(_ text: String?, _ name: String, _ range: ClosedRange<Int>, _ fallback: Int) throws(ListQueryError) -> Int {
            guard let text else { return fallback }
            guard let value = RequestNumber.parse(text, in: range) else { throw ListQueryError(name: name, range: range, given: text) }
            return value
        }
        try self.init(limit: number(limit, "limit", Self.limits, defaultLimit), offset: number(offset, "offset", Self.offsets, 0))
    }

    /// A status filter: `text` when it is one of `allowed`, `nil` when absent.
    /// - Throws: ``ListQueryError`` listing the allowed values.
    public static func status(_ text: String?, allowed: [String]) throws(ListQueryError) -> String? {
        guard let text else { return nil }
        guard allowed.contains(text) else { throw ListQueryError(name: "status", allowed: allowed, given: text) }
        return text
    }
}

/// A list parameter that can't be read: which one, and what it may be.
public struct ListQueryError: Error, CustomStringConvertible, Sendable {
    /// The parameter.
    public var name: String
    /// What it must be.
    public var expected: String
    /// What was given.
    public var given: String

    init(name: String, range: ClosedRange<Int>, given: String) {
        self.name = name
        expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        self.given = given
    }

    init(name: String, allowed: [String], given: String) {
        self.name = name
        expected = "one of " + allowed.joined(separator: ", ")
        self.given = given
    }

    /// `'limit' must be a whole number from 1 to 200, not '0'`.
    public var description: String { "'\(name)' must be \(expected), not '\(given)'" }
}
