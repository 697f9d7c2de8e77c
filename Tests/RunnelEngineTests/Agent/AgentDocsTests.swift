import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// The examples of docs/agents.md: the `providers:` block reads without problems and the
/// step example is a valid step.
@Suite struct AgentDocsTests {
    static func yamlBlocks() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/agents.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "```yaml" { current = [] } else if line == "```", let block = current {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func theProvidersExampleReads() throws {
        let block = try #require(try Self.yamlBlocks().first)
        let (catalog, problems) = ProviderCatalog.parse(settingsText: block)
        #expect(problems.isEmpty)
        #expect(catalog.providers.keys.sorted() == ["default", "local"])
        #expect(catalog.providers["local"]?.timeout == .seconds(300))
        #expect(try catalog.resolve("local").model == "llama3.2")
    }

    @Test func theStepExampleIsValid() throws {
        let blocks = try Self.yamlBlocks()
        try #require(blocks.count >= 2)
        let step = blocks[1].split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let tool = { (name: String) in
            "  - {name: \(name), description: \(name), type: http, config: {url: \"https://example.com/\(name)\"}}"
        }
        _ = try workflow("""
            name: Docs
            on:
              event:
                - type: ticket.created
            tools:
            \(tool("lookup_order"))
            \(tool("refund"))
            steps:
            \(step)
            """)
    }
}
