import CLibgit2

/// libgit2's process-wide state in one place: the one-time global init, and turning a
/// failing call's return code and thread-local error into a ``GitError``.
enum Libgit2 {
    /// Initialises libgit2 once per process (Swift runs a global's initialiser exactly once).
    static let ready: Bool = {
        git_libgit2_init()
        // Check every object Runnel creates (a tree entry pointing at a missing blob fails).
        _ = runnel_git_enable_strict_object_creation(1)
        return true
    }()

    /// The thread-local error of the call that just failed, read right away.
    static func lastMessage() -> (message: String, klass: UInt32) {
        guard let error = git_error_last() else { return ("unknown libgit2 error", 0) }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libgit2 error"
        // One line: the CLI prints errors as a single line.
        let line = message.trimmingNewlines.split(whereSeparator: \.isNewline).joined(separator: " ")
        return (line, UInt32(bitPattern: error.pointee.klass))
    }

    /// Throws when `code` is negative, with `what` as the message's start.
    /// - Parameters:
    ///   - code: A libgit2 return code.
    ///   - what: What was being done ("reading commit 1a2b3c4").
    @discardableResult
    static func check(_ code: Int32, _ what: @autoclosure () -> String) throws(GitError) -> Int32 {
        guard code < 0 else { return code }
        throw error(code, what())
    }

    /// The ``GitError`` for a failed call's code, reading libgit2's thread-local message.
    static func error(_ code: Int32, _ what: String) -> GitError {
        let (message, klass) = lastMessage()
        let kind: GitError.Kind
        switch code {
        case GIT_ENOTFOUND.rawValue: kind = .revisionNotFound
        case GIT_EMODIFIED.rawValue, GIT_EEXISTS.rawValue, GIT_ELOCKED.rawValue: kind = .staleBranch
        case GIT_ECONFLICT.rawValue, GIT_EMERGECONFLICT.rawValue: kind = .conflict
        case GIT_EAMBIGUOUS.rawValue: kind = .revisionNotFound
        default:
            switch klass {
            case GIT_ERROR_ODB.rawValue, GIT_ERROR_ZLIB.rawValue, GIT_ERROR_OBJECT.rawValue: kind = .corruptObject
            case GIT_ERROR_NET.rawValue, GIT_ERROR_SSL.rawValue, GIT_ERROR_HTTP.rawValue, GIT_ERROR_SSH.rawValue: kind = .network
            default: kind = .other
            }
        }
        return GitError(kind, "\(what): \(message)")
    }
}

extension String {
    var trimmingNewlines: String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
