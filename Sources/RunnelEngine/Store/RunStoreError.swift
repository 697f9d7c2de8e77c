public import Foundation

/// Why the run store could not do something: a ``Code`` that callers branch on (the API maps it
/// to a status: a delete that fails for I/O is a 500, not a 409), a message with the run or
/// file concerned, and the error underneath when there is one (an errno, a database error).
public struct RunStoreError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// No such run.
        case notFound = "not_found"
        /// The run already exists.
        case alreadyExists = "already_exists"
        /// The run has not finished (it can't be deleted).
        case notFinished = "not_finished"
        /// The write was refused because another node holds the run (a lost lease).
        case fenced
        /// What was to be stored can't be encoded, or what was read can't be decoded.
        case corrupt
        /// The medium failed: a file system or database error.
        case io
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong, with the run or file concerned.
    public var description: String
    /// The error underneath, when there is one.
    public var underlying: (any Error)?

    /// An error of `code` (``Code/io`` when not said).
    public init(code: Code = .io, description: String, underlying: (any Error)? = nil) {
        self.code = code
        self.description = description
        self.underlying = underlying
    }

    /// The run `runID` does not exist.
    public static func notFound(_ runID: String) -> RunStoreError {
        RunStoreError(code: .notFound, description: "run '\(runID)' not found")
    }

    /// The run `runID` exists already.
    public static func alreadyExists(_ runID: String) -> RunStoreError {
        RunStoreError(code: .alreadyExists, description: "run '\(runID)' already exists")
    }

    /// The run `runID` has not finished.
    public static func notFinished(_ runID: String) -> RunStoreError {
        RunStoreError(code: .notFinished, description: "run '\(runID)' has not finished; cancel it first")
    }

    static func io(_ what: String, _ path: String, errno code: Int32) -> RunStoreError {
        RunStoreError(code: .io, description: "\(what) \(path): \(String(cString: strerror(code)))",
                      underlying: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
    }
}
