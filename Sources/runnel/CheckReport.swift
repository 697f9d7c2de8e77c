import Foundation
import RunnelCore
import RunnelGit

/// Renders a ``WorkflowCheck`` as text, GitHub annotations or a Markdown report.
struct CheckReport {
    var check: WorkflowCheck
    var base: ObjectID { check.base }
    var head: ObjectID { check.head }
    var entries: [WorkflowCheck.Entry] { check.entries }

    private func label(_ entry: WorkflowCheck.Entry) -> String {
        let change = entry.change
        if entry.affected { return "unchanged" }
        if case .renamed = change.kind { return "renamed from \(change.oldPath ?? "?")" }
        return change.kindName
    }

    func render(_ format: CheckFormat) -> String {
        var out = ""
        for entry in entries {
            out += "\(entry.change.path) (\(label(entry))): \(entry.summary)\n"
            if format == .github {
                out += "::notice file=\(Self.property(entry.change.path)),title=\(Self.property("runnel check"))::\(Self.data(label(entry) + ": " + entry.summary))\n"
            }
            for d in entry.diagnostics {
                switch format {
                case .text: out += "  \(d.description)\n"
                case .github:
                    let command = d.severity == .error ? "error" : "warning"
                    out += "::\(command) file=\(Self.property(d.file)),line=\(d.line),col=\(d.column),title=\(Self.property("runnel " + d.rule))::\(Self.data(d.message))\n"
                }
            }
        }
        out += footer() + "\n"
        return out
    }

    private func footer() -> String {
        let invalid = entries.filter { $0.errors > 0 && !$0.affected }.count
        let changed = entries.filter { !$0.affected }.count
        let broken = entries.filter(\.affected).count
        let count = changed == 1 ? "1 workflow" : "\(changed) workflows"
        if entries.isEmpty { return "no workflow changed between \(base.short) and \(head.short)" }
        let brokenText = broken == 0 ? "" : "; it breaks \(broken) other workflow\(broken == 1 ? "" : "s")"
        return "\(count) changed between \(base.short) and \(head.short): " + (invalid == 0 ? "all valid" : "\(invalid) invalid") + brokenText
    }

    /// The Markdown report for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    func markdown() -> String {
        var out = "## Runnel check\n\n" + footer().prefix(1).uppercased() + footer().dropFirst() + ".\n\n"
        guard !entries.isEmpty else { return out }
        out += "| Workflow | Change | Summary | Problems |\n|---|---|---|---|\n"
        for entry in entries {
            let problems = entry.diagnostics.isEmpty ? "✅ none"
                : (entry.errors > 0 ? "❌ " : "⚠️ ") + "\(entry.errors) error\(entry.errors == 1 ? "" : "s"), \(entry.warnings) warning\(entry.warnings == 1 ? "" : "s")"
            out += "| `\(Self.cell(entry.change.path))` | \(Self.cell(label(entry))) | \(Self.cell(entry.summary)) | \(problems) |\n"
        }
        for entry in entries where !entry.diagnostics.isEmpty {
            out += "\n### `\(entry.change.path)`\n\n"
            for d in entry.diagnostics {
                out += "- line \(d.line), column \(d.column): **\(d.severity.rawValue)**: \(Self.cell(d.message)) (`\(d.rule)`)\n"
            }
        }
        return out
    }

    private static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
