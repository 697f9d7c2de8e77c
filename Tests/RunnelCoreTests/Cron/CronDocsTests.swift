import Foundation
import Testing
@testable import RunnelCore

/// Checks that the examples in docs/cron.md say what the engine does.
@Suite struct CronDocsTests {
    typealias S = CronTestSupport

    struct MissingDoc: Error {}

    static func docLines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/cron.md"), encoding: .utf8)
        return text.components(separatedBy: "\n")
    }

    /// Splits a command line on spaces, keeping double-quoted words together.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for c in line {
            if c == "\"" {
                quoted.toggle()
            } else if c == " ", !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    @Test func cliExamplesPrintWhatTheScheduleComputes() throws {
        let lines = try Self.docLines()
        var examples = 0
        for (index, line) in lines.enumerated() where line.hasPrefix("$ runnel cron next ") {
            let words = Self.words(line)
            let expression = words[4]
            func option(_ name: String) -> String? {
                words.firstIndex(of: name).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
            }
            let zoneName = option("--timezone") ?? "UTC"
            let from = try #require(option("--from"))
            let count = try #require(option("--count").flatMap(Int.init))
            let expected = lines[(index + 1)...].prefix { !$0.hasPrefix("```") }
            #expect(try S.fires(expression, zoneName, after: from, count: count) == Array(expected), "\(line)")
            examples += 1
        }
        #expect(examples >= 5)
    }

    @Test func errorTableMatchesTheParser() throws {
        let lines = try Self.docLines()
        guard let start = lines.firstIndex(of: "## Errors") else { throw MissingDoc() }
        var rows = 0
        for line in lines[start...].dropFirst().prefix(while: { !$0.hasPrefix("## ") }) where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let expression = cells[1].hasPrefix("`` ") ? "" : String(cells[1].dropFirst().dropLast())
            let message = String(cells[2].dropFirst().dropLast())
            let offset = try #require(Int(cells[3]))
            #expect(throws: CronError(message: message, offset: offset), "\(line)") {
                try CronExpression(parsing: expression)
            }
            rows += 1
        }
        #expect(rows >= 10)
    }

    @Test func syntaxTableExamplesParse() throws {
        let lines = try Self.docLines()
        var rows = 0
        for line in lines where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // Rows of the item table: | item | means | example | matches |
            guard cells.count == 4, cells[2].hasPrefix("`"), cells[2].split(separator: " ").count == 5 else { continue }
            #expect(throws: Never.self) { try CronExpression(parsing: String(cells[2].dropFirst().dropLast())) }
            rows += 1
        }
        #expect(rows == 7)
    }
}
