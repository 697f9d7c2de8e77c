import Foundation
import RunnelCore

extension StepLog {
    /// The longest piece of a model's answer or a tool's result that an agent's log line shows.
    static let agentPreview = 500

    /// The log lines of an agent step's event: a turn's answer and the tools it calls, a
    /// call's arguments, a result's status. Other events log nothing.
    static func agentLines(_ event: RunEvent) -> [String] {
        let data = event.data
        let turn = data?["turn"].map(\.text) ?? "?"
        switch event.kind {
        case .agentTurn:
            var lines: [String] = []
            if let content = data?["content"]?.stringValue, !content.isEmpty {
                lines += preview(content).split(separator: "\n", omittingEmptySubsequences: false).map { "turn \(turn): \($0)" }
            }
            for call in data?["tool_calls"]?.arrayValue ?? [] {
                lines.append("turn \(turn): calls \(call["tool"]?.stringValue ?? "?")")
            }
            return lines
        case .toolCall:
            let arguments = data?["arguments"].map { $0.stringValue ?? $0.serialized() } ?? ""
            return ["tool \(data?["tool"]?.stringValue ?? "?") called with \(preview(arguments))"]
        case .toolResult:
            let status = data?["status"]?.stringValue ?? "?"
            let detail = data?["error"]?.stringValue ?? data?["result"].map { $0.stringValue ?? $0.serialized() } ?? ""
            return ["tool \(data?["tool"]?.stringValue ?? "?") \(status)" + (detail.isEmpty ? "" : ": " + preview(detail))]
        default:
            return []
        }
    }

    /// The first ``agentPreview`` characters of `text`.
    static func preview(_ text: String) -> String {
        text.count > agentPreview ? String(text.prefix(agentPreview)) + "…" : text
    }
}
