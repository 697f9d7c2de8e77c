import Foundation
import RunnelCore

/// Renders diagnostics as text (with the source line and a caret), JSON, or GitHub annotations.
struct DiagnosticPrinter {
    let format: DiagnosticFormat

    func render(_ diagnostics: [Diagnostic], fileCount: Int, texts: [String: String]) -> String {
        switch format {
        case .text: text(diagnostics, fileCount: fileCount, texts: texts)
        case .json: json(diagnostics, fileCount: fileCount)
        case .github: github(diagnostics, fileCount: fileCount)
        }
    }

    private func summary(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let files = fileCount == 1 ? "1 file" : "\(fileCount) files"
        if diagnostics.isEmpty { return "\(files) checked, no problems" }
        let failing = Set(diagnostics.map(\.file)).count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(failing) of \(files)"
    }

    private func text(_ diagnostics: [Diagnostic], fileCount: Int, texts: [String: String]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += diagnostic.description + "\n"
            if let text = texts[diagnostic.file], let line = Self.line(diagnostic.line, of: text) {
                out += "  \(Diagnostic.shown(line))\n  \(Diagnostic.caretPadding(column: diagnostic.column, of: line))^\n"
            }
        }
        out += summary(diagnostics, fileCount: fileCount) + "\n"
        return out
    }

    static func line(_ number: Int, of text: String) -> Substring? {
        var current = 1
        var start = text.startIndex
        for index in text.indices where text[index] == "\n" {
            if current == number { return text[start..<index] }
            current += 1
            start = text.index(after: index)
        }
        return current == number && start < text.endIndex ? text[start...] : nil
    }

    private func json(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        let items: [JSONValue] = diagnostics.map {
            ["file": .string($0.file), "line": .number(Double($0.line)), "column": .number(Double($0.column)),
             "severity": .string($0.severity.rawValue), "message": .string($0.message), "rule": .string($0.rule)]
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let report: JSONValue = [
            "files": .number(Double(fileCount)), "errors": .number(Double(errors)),
            "warnings": .number(Double(diagnostics.count - errors)), "diagnostics": .array(items),
        ]
        return report.serialized(pretty: true) + "\n"
    }

    private func github(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        var out = ""
        for d in diagnostics {
            let command = d.severity == .error ? "error" : "warning"
            out += "::\(command) file=\(property(d.file)),line=\(d.line),col=\(d.column),title=\(property("runnel " + d.rule))::\(data(d.message))\n"
        }
        out += summary(diagnostics, fileCount: fileCount) + "\n"
        return out
    }

    /// GitHub workflow-command escaping for the message.
    private func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub workflow-command escaping for a property value.
    private func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
