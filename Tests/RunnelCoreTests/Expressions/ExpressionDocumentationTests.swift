import Foundation
import Testing
@testable import RunnelCore

/// Runs every example of `docs/expressions.md`: each row of a table headed
/// `| Expression | Result |` or `| Template | Result |`, against the page's JSON contexts.
@Suite struct ExpressionDocumentationTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var isTemplate: Bool
        var source: String
        /// The expected value as JSON text, or `error: message`.
        var result: String
        var line: Int
        var testDescription: String { "line \(line): \(source)" }
    }

    static let page: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/expressions.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static let contexts: [String: JSONValue] = {
        guard let start = page.range(of: "```json\n"),
            let end = page.range(of: "\n```", range: start.upperBound..<page.endIndex),
            let value = try? JSONParser.parse(String(page[start.upperBound..<end.lowerBound]))
        else { return [:] }
        return value.objectValue ?? [:]
    }()

    static let examples: [Example] = {
        var examples: [Example] = []
        var kind: Bool?  // nil outside an example table, else whether it lists templates
        for (number, line) in page.components(separatedBy: "\n").enumerated() {
            let cells = cells(of: line)
            if cells == ["Expression", "Result"] || cells == ["Template", "Result"] {
                kind = cells[0] == "Template"
                continue
            }
            guard let isTemplate = kind, cells.count == 2 else {
                if !line.hasPrefix("|") { kind = nil }
                continue
            }
            guard let source = code(cells[0]) else { continue }  // the |---|---| row
            let result = cells[1].hasPrefix("error: ") ? "error: " + (code(String(cells[1].dropFirst(7))) ?? "") : (code(cells[1]) ?? "")
            examples.append(Example(isTemplate: isTemplate, source: source, result: result, line: number + 1))
        }
        return examples
    }()

    /// The cells of a Markdown table row, trimmed, with `\|` turned into `|`.
    static func cells(of line: String) -> [String] {
        guard line.hasPrefix("|") else { return [] }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        return cells
    }

    /// The text of a cell that is one code span, or `nil`.
    static func code(_ cell: String) -> String? {
        guard cell.count >= 2, cell.hasPrefix("`"), cell.hasSuffix("`") else { return nil }
        return String(cell.dropFirst().dropLast())
    }

    @Test func pageHasContextsAndExamples() {
        #expect(Self.contexts.keys.sorted() == ["env", "event", "inputs", "loop", "run", "secrets", "steps", "workflow"])
        #expect(Self.examples.count >= 80)
        #expect(Self.examples.contains { $0.isTemplate })
    }

    @Test(arguments: examples)
    func example(_ example: Example) throws {
        let context = EvaluationContext(contexts: Self.contexts)
        if example.result.hasPrefix("error: ") {
            let message = String(example.result.dropFirst(7))
            do {
                let expression = try Expression(parsing: example.source)
                _ = try expression.evaluate(in: context)
                Issue.record("no error, expected: \(message)")
            } catch {
                #expect(error.message == message)
            }
            return
        }
        let expected = try JSONParser.parse(example.result)
        let value =
            example.isTemplate
            ? try Template(parsing: example.source).evaluate(in: context)
            : try Expression(parsing: example.source).evaluate(in: context)
        #expect(value == expected)
    }
}
