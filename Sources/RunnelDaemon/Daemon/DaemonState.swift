import Foundation
import RunnelCore
import RunnelEngine

/// What the daemon keeps across restarts, in `<state>/daemon.json`: the active commit, each
/// workflow's last valid version (by commit and path) and current errors, and each
/// schedule's handled-through instant.
struct DaemonState: Codable, Sendable {
    struct Workflow: Codable, Sendable {
        var id: String
        var path: String
        /// `invalid`, or the active version's status (`active`, `paused`, `draft`, `archived`).
        var state: String
        var validCommit: String?
        var validPath: String?
        /// The version number of the last valid version.
        var validVersion: Int?
        var errors: [Problem]

        enum CodingKeys: String, CodingKey {
            case id, path, errors, state
            case validCommit = "valid_commit"
            case validPath = "valid_path"
            case validVersion = "valid_version"
        }
    }

    /// A diagnostic as saved.
    struct Problem: Codable, Sendable {
        var file: String
        var line: Int
        var column: Int
        var message: String
        var rule: String

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.file
            line = diagnostic.line
            column = diagnostic.column
            message = diagnostic.message
            rule = diagnostic.rule
        }

        var diagnostic: Diagnostic {
            Diagnostic(.error, message, file: file, at: SourceLocation(line: line, column: column), rule: rule)
        }
    }

    var activeCommit: String?
    var workflows: [Workflow] = []
    /// `workflow#name` → ISO 8601 instant.
    var schedules: [String: Date] = [:]
    /// The problems of `runnel.yaml` at the active commit (then read as absent).
    var settingsProblems: [String]? = nil
    /// The commit whose `runnel.yaml` is in force (nil: the defaults).
    var settingsCommit: String?
    /// A commit that could not be reconciled.
    var invalidCommit: InvalidCommit?
    /// What the active workflows need and don't have (an undefined webhook secret).
    var runtimeProblems: [String]? = nil

    /// A commit that could not be reconciled, and why.
    struct InvalidCommit: Codable, Sendable {
        var commit: String
        var problem: String
    }

    enum CodingKeys: String, CodingKey {
        case workflows, schedules
        case activeCommit = "active_commit"
        case settingsProblems = "settings_problems"
        case settingsCommit = "settings_commit"
        case invalidCommit = "invalid_commit"
        case runtimeProblems = "runtime_problems"
    }

    static func path(in state: String) -> String { (state as NSString).appendingPathComponent("daemon.json") }

    /// The saved state, or an empty one when there is none yet.
    static func load(from state: String) throws -> DaemonState {
        guard let data = FileManager.default.contents(atPath: path(in: state)) else { return DaemonState() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(DaemonState.self, from: data)
    }

    /// Writes the state atomically, with `workflowItems` (each one workflow's item, serialized
    /// by ``item(_:)``; in any order) as its `workflows`. Serialized with the project's JSON
    /// writer rather than `JSONEncoder`, which is several times slower for 10,000 workflows;
    /// the caller keeps each item's text, so that a push serializes only what it changed.
    /// `load` reads it back with `JSONDecoder`.
    func save(to state: String, workflowItems: some Sequence<String>) throws {
        var text = String(json.serialized().dropLast())
        text += ",\"workflows\":["
        var first = true
        for item in workflowItems {
            if !first { text += "," }
            text += item
            first = false
        }
        text += "]}"
        try DurableFile.makeFolder(state)
        try DurableFile.atomicWrite(Array(text.utf8), to: Self.path(in: state))
    }

    /// The item of `entry` in `workflows`.
    static func item(_ entry: WorkflowEntry) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return ["id": .string(entry.id), "path": .string(entry.path), "state": .string(entry.state),
                "valid_commit": optional(entry.active?.commit), "valid_path": optional(entry.active?.path),
                "valid_version": entry.active?.version.map { .number(Double($0)) } ?? .null,
                "errors": .array(entry.errors.map { problem in
                    ["file": .string(problem.file), "line": .number(Double(problem.line)), "column": .number(Double(problem.column)),
                     "message": .string(problem.message), "rule": .string(problem.rule)]
                })]
    }

    /// Everything but `workflows` (the schedules are in the scheduler's own ledger).
    var json: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return ["active_commit": optional(activeCommit), "schedules": .object([:]),
                "settings_problems": .array((settingsProblems ?? []).map(JSONValue.string)),
                "settings_commit": optional(settingsCommit),
                "invalid_commit": invalidCommit.map { ["commit": .string($0.commit), "problem": .string($0.problem)] } ?? .null,
                "runtime_problems": .array((runtimeProblems ?? []).map(JSONValue.string))]
    }
}
