public import Foundation
public import RunnelCore

/// One line a step logged while it ran: a line of a script's stdout or stderr, a request of
/// an `http_request` step, a turn or tool call of an agent step. Secrets are masked before a
/// line is kept.
public struct StepLogLine: Sendable, Hashable, Codable {
    /// Where a line came from.
    public enum Stream: String, Sendable, Hashable, Codable, CaseIterable {
        case stdout, stderr
        /// A request an `http_request` (or `webhook`) step made and its answer.
        case http
        /// An agent step's turns and tool calls.
        case agent
    }

    /// 1-based position in the run's log, assigned by the store (0 until then).
    public var seq: Int
    /// The step that logged it.
    public var stepID: String
    /// The attempt that logged it.
    public var attempt: Int
    /// Where it came from.
    public var stream: Stream
    /// When it was written.
    public var time: Date
    /// The line, without its line break.
    public var text: String

    enum CodingKeys: String, CodingKey {
        case seq, attempt, stream, time, text
        case stepID = "step_id"
    }

    /// Creates a line (the store assigns `seq`).
    public init(stepID: String, attempt: Int, stream: Stream, time: Date, text: String, seq: Int = 0) {
        self.seq = seq
        self.stepID = stepID
        self.attempt = attempt
        self.stream = stream
        self.time = time
        self.text = text
    }

    /// How much of a step's log is kept: the newest lines whose ``size``s add up to at most
    /// ``maxBytesPerStep`` (all attempts together; older lines are dropped), each line at most
    /// ``maxLineBytes`` (a longer one is split).
    public static let maxBytesPerStep = 1024 * 1024
    /// What a line counts for against ``maxBytesPerStep`` beyond its text: about what
    /// storing it takes, so that many short lines are bounded too.
    public static let lineOverhead = 128
    /// What this line counts for against ``maxBytesPerStep``: its UTF-8 bytes plus ``lineOverhead``.
    public var size: Int { text.utf8.count + Self.lineOverhead }
    /// The longest line kept in one piece.
    public static let maxLineBytes = 8 * 1024
}

extension StepLogLine {
    /// The line as JSON, as `step_log` events and `GET /api/runs/{id}/logs` show it.
    public var json: JSONValue {
        ["seq": .number(Double(seq)), "step_id": .string(stepID), "attempt": .number(Double(attempt)),
         "stream": .string(stream.rawValue), "time": .string(RunCoding.format(time)), "text": .string(text)]
    }

    /// The `step_log` event that carries this line on event streams; `eventID` is the id of
    /// the run's last recorded event, so that a stream resumed from it misses nothing.
    func event(eventID: Int) -> RunEvent {
        var event = RunEvent(.stepLog, time: time, stepID: stepID, attempt: attempt,
                             data: ["seq": .number(Double(seq)), "stream": .string(stream.rawValue), "text": .string(text)])
        event.id = eventID
        return event
    }
}

extension StepLogLine {
    /// `lines` of `step` (all steps: nil), each step cut to its newest lines that fit in
    /// ``maxBytesPerStep``, then the last `tail` of them: what every store keeps and answers.
    public static func bounded(_ lines: [StepLogLine], step: String?, tail: Int?) -> [StepLogLine] {
        var kept: [StepLogLine] = []
        var sizes: [String: Int] = [:]
        var full: Set<String> = []
        for line in lines.reversed() where step == nil || line.stepID == step {
            guard !full.contains(line.stepID) else { continue }
            let total = sizes[line.stepID, default: 0] + line.size
            guard total <= maxBytesPerStep else {
                full.insert(line.stepID)
                continue
            }
            sizes[line.stepID] = total
            kept.append(line)
            if let tail, kept.count >= tail { break }
        }
        return kept.reversed()
    }
}
