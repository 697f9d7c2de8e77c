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
        var errors: [Problem]

        enum CodingKeys: String, CodingKey {
            case id, path, errors, state
            case validCommit = "valid_commit"
            case validPath = "valid_path"
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

    enum CodingKeys: String, CodingKey {
        case workflows, schedules
        case activeCommit = "active_commit"
    }

    static func path(in state: String) -> String { (state as NSString).appendingPathComponent("daemon.json") }

    /// The saved state, or an empty one when there is none yet.
    static func load(from state: String) throws -> DaemonState {
        guard let data = FileManager.default.contents(atPath: path(in: state)) else { return DaemonState() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(DaemonState.self, from: data)
    }

    func save(to state: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try DurableFile.makeFolder(state)
        try DurableFile.atomicWrite(Array(try encoder.encode(self)), to: Self.path(in: state))
    }
}
