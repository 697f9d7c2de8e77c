import Testing
@testable import RunnelCore

/// `on.mcp`: the workflow as a tool of Runnel's MCP server (docs/mcp.md).
@Suite struct MCPTriggerTests {
    static func load(_ on: String, inputs: String = "") -> LoadResult {
        WorkflowLoader.load(path: "workflows/report.yaml", text: """
            name: Weekly report
            description: Build the report
            \(inputs)
            on:
            \(on)
            steps:
              - id: a
                type: wait
                config: {duration: 1s}
            """)
    }

    @Test func readsTheDescriptionAndMakesTheToolsSchemaFromTheInputs() throws {
        let result = Self.load("  mcp: {description: Mail the weekly report}", inputs: """
            inputs:
              week: {type: string, required: true, description: ISO week}
              format: {type: string, enum: [pdf, html], default: pdf}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let workflow = try #require(result.workflow)
        #expect(workflow.triggers.mcp?.description?.value == "Mail the weekly report")
        #expect(workflow.mcpTool?["description"] == "Mail the weekly report")
        let schema = try #require(workflow.mcpTool?["input_schema"])
        #expect(schema["required"] == ["week"])
        let week: JSONValue = ["type": "string", "description": "ISO week"]
        #expect(schema["properties"]?["week"] == week)
        let format: JSONValue = ["type": "string", "enum": ["pdf", "html"], "default": "pdf"]
        #expect(schema["properties"]?["format"] == format)
        #expect(schema["additionalProperties"] == false)
    }

    @Test func withoutADescriptionTheToolSaysTheWorkflows() throws {
        let workflow = try #require(Self.load("  mcp: {}").workflow)
        #expect(workflow.mcpTool?["description"] == "Build the report")
        #expect(try #require(Self.load("  schedule: {cron: '0 9 * * 1'}").workflow).mcpTool == nil)
    }

    @Test func anUnknownKeyOrAnEmptyDescriptionIsAnErrorAtItsPlace() {
        let unknown = Self.load("  mcp: {name: x}").diagnostics.map { "\($0.line):\($0.column): \($0.message) [\($0.rule)]" }
        #expect(unknown.count == 1)
        #expect(unknown.first?.hasPrefix("5:9:") == true, "\(unknown)")
        #expect(unknown.first?.contains("name") == true)
        let empty = Self.load("  mcp: {description: ' '}").diagnostics
        #expect(empty.map { $0.rule } == ["invalid-value"])
        let list = Self.load("  mcp: [a]").diagnostics
        #expect(list.count == 1, "on.mcp is one mapping, not a list")
    }
}
