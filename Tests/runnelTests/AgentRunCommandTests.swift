import Foundation
import Testing

/// `runnel run` reads the model providers of the repository's `runnel.yaml`.
@Suite struct AgentRunCommandTests {
    static let agent = """
        name: Ask
        steps:
          - {id: ask, type: agent_task, config: {goal: "Hi", model: local}}
        """

    @Test func theProvidersOfRunnelYAMLAreUsed() async throws {
        // Nothing listens on port 1: the step fails saying which provider it could not reach.
        let root = try CLI.scratch(["workflows/ask.yaml": Self.agent,
                                    "runnel.yaml": "providers:\n  local: {base_url: \"http://127.0.0.1:1/v1\", model: tiny, timeout: 5s}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["run", "ask"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("provider 'local' (POST http://127.0.0.1:1/v1/chat/completions) could not be reached"),
                "\(output.stdout)\(output.stderr)")
    }

    @Test func aBadProvidersSectionIsAWarningAndCountsAsAbsent() async throws {
        let root = try CLI.scratch(["workflows/ask.yaml": Self.agent, "runnel.yaml": "providers:\n  local: {model: tiny}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["run", "ask"], in: root)
        #expect(output.status == 1)
        #expect(output.stderr.contains("warning: runnel.yaml:2:3: provider 'local' needs 'base_url'"))
        #expect(output.stdout.contains("no model provider configured"), "\(output.stdout)\(output.stderr)")
    }
}
