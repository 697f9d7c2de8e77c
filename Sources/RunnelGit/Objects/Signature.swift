import CLibgit2
public import Foundation

/// Who made a commit, and when.
public struct Signature: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The email address.
    public var email: String
    /// The time.
    public var date: Date
    /// The offset from UTC of the author's clock, in minutes.
    public var utcOffsetMinutes: Int

    /// Creates a signature.
    public init(name: String, email: String, date: Date = Date(), utcOffsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.date = date
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let s = signature.pointee
        name = s.name.map { String(cString: $0) } ?? ""
        email = s.email.map { String(cString: $0) } ?? ""
        date = Date(timeIntervalSince1970: TimeInterval(s.when.time))
        utcOffsetMinutes = Int(s.when.offset)
    }

    /// A libgit2 signature, valid inside `body`.
    func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws(GitError) -> R) throws(GitError) -> R {
        var out: UnsafeMutablePointer<git_signature>?
        try Libgit2.check(git_signature_new(&out, name, email, git_time_t(date.timeIntervalSince1970.rounded(.down)), Int32(utcOffsetMinutes)),
                          "invalid author '\(name) <\(email)>'")
        guard let out else { throw GitError.invalid("invalid author '\(name) <\(email)>'") }
        defer { git_signature_free(out) }
        return try body(out)
    }
}
