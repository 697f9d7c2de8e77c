import ArgumentParser
import Foundation
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

/// Writes `serve`'s log lines to standard output: `<ISO 8601 time> <line>`, or with `json`
/// one object per line, `{"time", "level", "message"}` (level `error` for lines that start
/// with `error:`, `warning` for `WARNING`, else `info`).
struct ServeLogger: Sendable {
    let json: Bool

    func line(_ line: LogLine) {
        guard !line.message.isEmpty else { return }
        let time = Date().formatted(.iso8601)
        if json {
            let level = line.message.hasPrefix("error:") ? "error" : line.message.hasPrefix("WARNING") ? "warning" : "info"
            let object: JSONValue = ["time": .string(time), "level": .string(level), "message": .string(line.message)]
            print(object.serialized())
        } else {
            print("\(time) \(line.text)")
        }
        fflush(nil)
    }

    func lines(_ lines: [LogLine]) {
        for line in lines { self.line(line) }
    }
}

/// The daemon's log lines.
enum ServeLog {
    static func describe(_ activity: Daemon.Activity) -> [LogLine] {
        switch activity {
        case .reconciled(let commit, let report): [reconciled(commit, report)]
        case .failed(let message): ["error: \(message)"]
        case .stopped(let unfinished):
            [unfinished.isEmpty ? "stopped" : "stopped; \(unfinished.count) unfinished run(s) resume at the next start: \(unfinished.joined(separator: ", "))"]
        case .scheduled(let records):
            records.map { record in
                let slot = record.trigger.details["slot"]?.stringValue ?? "?"
                return record.status == .skipped
                    ? "skipped \(record.workflowID) slot \(slot): \(record.error ?? "")"
                    : "run \(record.id) of \(record.workflowID) started for slot \(slot)"
            }
        case .runStarted(let runID, let workflowID, let trigger, let resumed):
            [resumed ? "run \(runID) of \(workflowID) resumed (\(trigger))" : "run \(runID) of \(workflowID) started (\(trigger))"]
        case .runEnded(let runID, let workflowID, let status, let error):
            [error.map { "error: run \(runID) of \(workflowID) \(status): \($0)" } ?? "error: run \(runID) of \(workflowID) \(status)"]
        }
    }

    static func reconciled(_ commit: String, _ report: ReconcileReport) -> LogLine {
        var parts: [LogLine] = []
        if !report.activated.isEmpty { parts.append("activated \(report.activated.sorted().joined(separator: ", "))") }
        if !report.keptPrevious.isEmpty { parts.append("invalid, kept the previous version: \(report.keptPrevious.sorted().joined(separator: ", "))") }
        if !report.invalid.isEmpty { parts.append("invalid: \(report.invalid.sorted().joined(separator: ", "))") }
        if !report.deleted.isEmpty { parts.append("deleted \(report.deleted.sorted().joined(separator: ", "))") }
        if !report.renamed.isEmpty { parts.append("renamed \(report.renamed.map { "\($0.from) → \($0.to)" }.joined(separator: ", "))") }
        let head: LogLine = "commit \(commit.prefix(7)) active"
        return parts.isEmpty ? head : "\(line: head): \(line: LogLine.joined(parts, separator: "; "))"
    }
}
