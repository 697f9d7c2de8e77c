import ArgumentParser
import Foundation
import Logging
import RunnelCore
import RunnelDaemon

/// The format of `serve`'s log.
enum ServeLogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// One line of `serve`'s log. The literal parts are written as they are; every interpolated
/// value (a file name, an id, an error message: anything that may come from outside) is
/// escaped, so that no value can end the line or forge another one.
struct LogLine: ExpressibleByStringInterpolation, Sendable, Equatable {
    /// The line for the text log: values escaped.
    private(set) var text: String
    /// The line with its values as they are (for the JSON log, whose encoding escapes them).
    private(set) var message: String

    init(stringLiteral value: String) {
        text = value
        message = value
    }

    init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        message = stringInterpolation.message
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var message = ""

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) {
            text += literal
            message += literal
        }

        /// A value from outside: escaped in the text log.
        mutating func appendInterpolation(_ value: some Any) {
            let raw = String(describing: value)
            text += LogLine.escape(raw)
            message += raw
        }

        /// A line made of log lines already (its values are escaped once).
        mutating func appendInterpolation(line: LogLine) {
            text += line.text
            message += line.message
        }
    }

    /// `value` with backslashes and every control or line-breaking character written as an
    /// escape (`\n`, `\r`, `\t`, `\u{85}`), so that it stays within one line.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let breaks = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator || scalar.properties.generalCategory == .format
                if breaks {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The lines joined by `separator` (a literal).
    static func joined(_ lines: [LogLine], separator: String) -> LogLine {
        var result: LogLine = ""
        for (index, line) in lines.enumerated() {
            if index > 0 {
                result.text += separator
                result.message += separator
            }
            result.text += line.text
            result.message += line.message
        }
        return result
    }
}

/// `serve`'s log handler (bootstrapped from `--log-format` and `--log-level`): each event on
/// one line of standard output, `<ISO 8601 time> <line>`, or with `json` one object per line,
/// `{"time", "level", "message", "event", …metadata}` (every value a string). The line is the event rendered as the
/// documented prose (``ServeLog/render(_:_:_:)``); the level is the event's own.
struct ServeLogHandler: LogHandler {
    let json: Bool
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(json: Bool, level: Logger.Level) {
        self.json = json
        logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var values = metadata
        for (key, value) in event.metadata ?? [:] { values[key] = value }
        let line = ServeLog.render(event.level, event.message, values)
        guard !line.message.isEmpty else { return }
        let time = Date().formatted(.iso8601)
        if json {
            var object: [String: JSONValue] = [:]
            for (key, value) in values { object[key] = .string(value.text) }
            object["time"] = .string(time)
            object["level"] = .string(event.level.rawValue)
            object["message"] = .string(line.message)
            object["event"] = .string(event.message.description)
            print(JSONValue.object(object).serialized())
        } else {
            print("\(time) \(line.text)")
        }
        fflush(nil)
    }
}

/// The lines of `serve`'s log: each event the daemon's services log (``DaemonLog``) and the
/// command's own (``Event``), rendered from its metadata.
enum ServeLog {
    /// What `serve` itself logs.
    enum Event: String {
        case watching = "watching"
        case mirroring = "mirroring"
        case listening = "listening"
        case dashboard = "dashboard"
        case database = "database"
        case noAuth = "serving without API keys"
    }

    static let branch = "runnel.branch", repository = "runnel.repository", state = "runnel.state", remote = "runnel.remote"
    static let interval = "runnel.interval", address = "runnel.address"

    /// The line of an event.
    static func render(_ level: Logger.Level, _ message: Logger.Message, _ metadata: Logger.Metadata) -> LogLine {
        func text(_ key: String) -> String { metadata[key]?.text ?? "" }
        func list(_ key: String) -> [String] {
            if case .array(let items)? = metadata[key] { return items.map(\.text) }
            return []
        }
        if let event = DaemonLog(message) {
            switch event {
            case .reconciled:
                return reconciled(text(LogKey.commit), activated: list(LogKey.activated), keptPrevious: list(LogKey.keptPrevious),
                                  invalid: list(LogKey.invalid), deleted: list(LogKey.deleted), renamed: list(LogKey.renamed))
            case .problem: return "error: \(text(LogKey.problem))"
            case .settingsProblem: return "error: \(text(LogKey.problem))\(line: LogLine(stringLiteral: DaemonLog.settingsNote))"
            case .scheduleFired: return "run \(text(LogKey.runID)) of \(text(LogKey.workflowID)) started for slot \(text(LogKey.slot))"
            case .scheduleSkipped: return "skipped \(text(LogKey.workflowID)) slot \(text(LogKey.slot)): \(text(LogKey.reason))"
            case .runStarted: return "run \(text(LogKey.runID)) of \(text(LogKey.workflowID)) started (\(text(LogKey.trigger)))"
            case .runResumed: return "run \(text(LogKey.runID)) of \(text(LogKey.workflowID)) resumed (\(text(LogKey.trigger)))"
            case .runEnded:
                let head: LogLine = "error: run \(text(LogKey.runID)) of \(text(LogKey.workflowID)) \(text(LogKey.status))"
                return metadata[LogKey.error] == nil ? head : "\(line: head): \(text(LogKey.error))"
            case .stopped:
                let unfinished = list(LogKey.unfinished)
                return unfinished.isEmpty ? "stopped" : "stopped; \(unfinished.count) unfinished run(s) resume at the next start: \(unfinished.joined(separator: ", "))"
            }
        }
        switch Event(rawValue: message.description) {
        case .watching: return "watching \(text(branch)) of \(text(repository)); state in \(text(state))"
        case .mirroring:
            return "mirroring \(text(branch)) of \(text(remote)) into \(text(repository)) every \(text(interval)) and on POST /hooks/git; state in \(text(state))"
        case .listening: return "API on \(text(address))"
        case .dashboard: return "dashboard on \(text(address))"
        case .database: return "runs in \(text(address))"
        case .noAuth: return "WARNING: --no-auth: the API on \(text(address)) takes requests from anyone who can reach it, with no key"
        case nil:
            // Another library's event: its message, then its metadata as key=value.
            var line: LogLine = "\(message.description)"
            for key in metadata.keys.sorted() { line = "\(line: line) \(key)=\(text(key))" }
            return level >= .error ? "error: \(line: line)" : line
        }
    }

    static func reconciled(_ commit: String, activated: [String], keptPrevious: [String], invalid: [String], deleted: [String],
                           renamed: [String]) -> LogLine {
        var parts: [LogLine] = []
        if !activated.isEmpty { parts.append("activated \(activated.joined(separator: ", "))") }
        if !keptPrevious.isEmpty { parts.append("invalid, kept the previous version: \(keptPrevious.joined(separator: ", "))") }
        if !invalid.isEmpty { parts.append("invalid: \(invalid.joined(separator: ", "))") }
        if !deleted.isEmpty { parts.append("deleted \(deleted.joined(separator: ", "))") }
        if !renamed.isEmpty { parts.append("renamed \(renamed.joined(separator: ", "))") }
        let head: LogLine = "commit \(commit.prefix(7)) active"
        return parts.isEmpty ? head : "\(line: head): \(line: LogLine.joined(parts, separator: "; "))"
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
