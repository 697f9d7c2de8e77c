/// Why the engine refused or could not do something. The API maps ``Kind`` to a status code.
public struct EngineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The class of problem.
    public enum Kind: Sendable, Equatable {
        /// Inputs don't match the declaration (400).
        case invalidInput
        /// No such workflow or run (404).
        case notFound
        /// The workflow's concurrency policy rejects a new run, or the run is in the wrong state (409).
        case conflict
        /// The workflow is paused, draft or archived, or invalid (422).
        case unprocessable
        /// The caller may not do this (403): not an approver, self-approval, a used or bad link.
        case forbidden
        /// The store failed (500).
        case storage
    }

    /// The class of problem.
    public var kind: Kind
    /// What went wrong, naming the workflow, run or field.
    public var description: String
    /// Each problem on its own (the fields of an input that doesn't match its schema).
    public var details: [String]

    /// Creates an error.
    public init(_ kind: Kind, _ description: String, details: [String] = []) {
        self.kind = kind
        self.description = description
        self.details = details
    }
}
