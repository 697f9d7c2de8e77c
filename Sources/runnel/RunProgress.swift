import Foundation
import RunnelCore
import RunnelEngine

/// Prints a run's progress as its events arrive: on a terminal, one line per step updated
/// in place with its status and duration; otherwise one plain line per event.
@MainActor
final class RunProgress {
    private struct Line {
        var stepID: String
        var status: String
        var started: Date?
        var duration: Double?
        var note: String?
    }

    private let interactive: Bool
    private var lines: [Line] = []
    private var drawn = 0
    private var seen = Set<Int>()

    init(interactive: Bool = isatty(STDOUT_FILENO) == 1) {
        self.interactive = interactive
    }

    /// Shows one event (events already shown, by id, are ignored). Returns true when the
    /// event ends the run.
    @discardableResult
    func show(_ event: RunEvent) -> Bool {
        // Log lines repeat the id of the event before them: they are shown as they come.
        if event.kind == .stepLog {
            showLog(event)
            return false
        }
        guard seen.insert(event.id).inserted else { return false }
        let ends = [.runCompleted, .runFailed, .runCancelled].contains(event.kind)
        if let stepID = event.stepID { update(stepID, event) }
        if interactive {
            redraw()
        } else if let line = Self.plainLine(event) {
            print(line)
        }
        fflush(nil)
        return ends
    }

    /// Prints a step's log line; on a terminal above the table of steps, which is drawn again.
    private func showLog(_ event: RunEvent) {
        guard let line = Self.plainLine(event) else { return }
        if interactive {
            print((drawn > 0 ? "\u{1B}[\(drawn)A\u{1B}[J" : "") + line)
            drawn = 0
            redraw()
        } else {
            print(line)
        }
        fflush(nil)
    }

    /// Redraws running steps' durations (terminals only).
    func tick() {
        guard interactive, lines.contains(where: { $0.status == "running" }) else { return }
        redraw()
        fflush(nil)
    }

    private func update(_ stepID: String, _ event: RunEvent) {
        let index = lines.firstIndex { $0.stepID == stepID } ?? {
            lines.append(Line(stepID: stepID, status: "pending"))
            return lines.count - 1
        }()
        var line = lines[index]
        switch event.kind {
        case .stepStarted:
            line.status = "running"
            line.started = line.started ?? event.time
            line.note = (event.attempt ?? 1) > 1 ? "attempt \(event.attempt ?? 1)" : nil
        case .stepCompleted, .stepFailed, .stepCancelled:
            line.status = event.kind == .stepCompleted ? "completed" : event.kind == .stepFailed ? "failed" : "cancelled"
            line.duration = line.started.map { event.time.timeIntervalSince($0) }
            line.note = event.error
        case .stepRetrying:
            line.status = "retrying"
            line.note = event.error
        case .stepSkipped:
            line.status = "skipped"
            line.note = event.error
        case .runAwaitingApproval:
            line.status = "awaiting approval"
            line.note = event.data?["tool"]?.stringValue.map { "tool \($0)" }
        case .approvalDecided where line.status == "awaiting approval":
            line.status = "running"
            line.note = nil
        default:
            break
        }
        lines[index] = line
    }

    private func redraw() {
        var out = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
        let width = max(12, lines.map(\.stepID.count).max() ?? 0)
        for line in lines {
            let seconds = line.duration ?? (line.status == "running" ? line.started.map { Date().timeIntervalSince($0) } : nil)
            var text = "\(Self.symbol(line.status)) \(line.stepID.padding(toLength: width, withPad: " ", startingAt: 0))  \(line.status)"
            if let seconds { text += "  " + Self.format(seconds) }
            if let note = line.note { text += "  " + (note.split(separator: "\n").first.map(String.init) ?? "") }
            out += "\u{1B}[2K" + text + "\n"
        }
        drawn = lines.count
        print(out, terminator: "")
    }

    private static func symbol(_ status: String) -> String {
        switch status {
        case "completed": "✓"
        case "failed": "✗"
        case "cancelled": "⊘"
        case "skipped": "-"
        case "running": "▸"
        case "retrying": "↻"
        case "awaiting approval": "?"
        default: " "
        }
    }

    nonisolated static func plainLine(_ event: RunEvent) -> String? {
        let step = event.stepID ?? ""
        let note = event.error.map { ": \($0)" } ?? ""
        switch event.kind {
        case .stepStarted: return "step \(step) started" + ((event.attempt ?? 1) > 1 ? " (attempt \(event.attempt ?? 1))" : "")
        case .stepCompleted: return "step \(step) completed"
        case .stepFailed: return "step \(step) failed\(note)"
        case .stepRetrying: return "step \(step) will retry\(note)"
        case .stepSkipped: return "step \(step) skipped\(note)"
        case .stepCancelled: return "step \(step) cancelled"
        case .runAwaitingApproval:
            let tool = event.data?["data"]?["tool"]?.stringValue.map { " of a call of tool \($0)" } ?? ""
            return "step \(step) is waiting for approval\(tool)"
        case .toolCall: return "step \(step) calls tool \(event.data?["tool"]?.stringValue ?? "?")"
        case .toolResult:
            let tool = event.data?["tool"]?.stringValue ?? "?"
            let status = event.data?["status"]?.stringValue ?? "?"
            let detail = event.data?["error"]?.stringValue.map { ": \($0)" } ?? ""
            return "step \(step) tool \(tool) \(status)\(detail)"
        case .approvalRecorded:
            let verb = event.data?["approved"] == true ? "approved" : "rejected"
            return "step \(step) \(verb) by \(event.data?["by"]?.stringValue ?? "someone")"
        case .approvalDecided: return "step \(step) decided by \(event.data?["by"]?.stringValue ?? "someone")"
        case .stepLog:
            return logLine(step: step, stream: event.data?["stream"]?.stringValue, text: event.data?["text"]?.stringValue ?? "")
        default: return nil
        }
    }

    /// A log line as `runnel run` and `runnel runs show --logs` print it: `  step | text`
    /// (`!` instead of `|` for stderr).
    nonisolated static func logLine(step: String, stream: String?, text: String) -> String {
        "  \(step) \(stream == StepLogLine.Stream.stderr.rawValue ? "!" : "|") \(text)"
    }

    /// `0.12s`, `1m05s`.
    nonisolated static func format(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.2fs", seconds) }
        let whole = Int(seconds)
        return "\(whole / 60)m" + String(format: "%02ds", whole % 60)
    }
}
