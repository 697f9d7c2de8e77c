import CLibgit2

/// A git object id (SHA-1), as its 40 lowercase hex digits.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 40 hex digits.
    public let hex: String

    /// An id from 40 hex digits; `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ ObjectID.isHexDigit($0) }) else { return nil }
        self.hex = hex.lowercased()
    }

    init(_ oid: git_oid) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 40)
        withUnsafeBytes(of: oid.id) { raw in
            for (i, byte) in raw.enumerated() {
                bytes[2 * i] = digits[Int(byte >> 4)]
                bytes[2 * i + 1] = digits[Int(byte & 0xF)]
            }
        }
        hex = String(decoding: bytes, as: UTF8.self)
    }

    init(_ pointer: UnsafePointer<git_oid>) { self.init(pointer.pointee) }

    /// The libgit2 form.
    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, 40)
        return oid
    }

    /// The first seven digits, as `git log --oneline` shows.
    public var short: String { String(hex.prefix(7)) }

    /// The 40 hex digits.
    public var description: String { hex }

    /// Orders ids by their hex digits (for stable output).
    public static func < (a: ObjectID, b: ObjectID) -> Bool { a.hex < b.hex }

    static func isHexDigit(_ c: UInt8) -> Bool {
        (48...57).contains(c) || (97...102).contains(c) || (65...70).contains(c)
    }
}
