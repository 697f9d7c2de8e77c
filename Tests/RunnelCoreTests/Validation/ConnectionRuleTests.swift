import Testing
@testable import RunnelCore

/// `connections:` bindings and `connection:` in step configs and http tools (rule
/// `connection-reference`).
@Suite struct ConnectionRuleTests {
    static let text = """
        name: Notify
        connections:
          slack: slack-prod
          gh: github-main
        tools:
          - {name: lookup, description: Look up, type: http, config: {connection: githib, url: "repos/x"}}
        steps:
          - {id: post, type: http_request, config: {connection: slack, url: chat.postMessage, method: POST}}
          - {id: ping, type: webhook, config: {connection: pager, url: "https://hooks.example.com/x"}}
        """

    @Test func theBindingsAndTheToolkitsStepsUseAreRead() throws {
        let workflow = try #require(WorkflowLoader.load(path: "workflows/notify.yaml", text: Self.text).workflow)
        #expect(workflow.connections.map(\.toolkit.value) == ["slack", "gh"])
        #expect(workflow.connection(forToolkit: "slack") == "slack-prod")
        #expect(workflow.requiredToolkits == ["githib", "pager", "slack"])
    }

    @Test func anUnboundToolkitAndAnUndeclaredConnectionAreReported() {
        var catalog = WorkflowCatalog([])
        catalog.connections = ["slack-prod", "github-prod"]
        let diagnostics = Validator.validate(WorkflowLoader.load(path: "workflows/notify.yaml", text: Self.text), knownWorkflows: catalog)
            .filter { $0.rule == "connection-reference" }.map(\.description)
        #expect(diagnostics == [
            "workflows/notify.yaml:4:7: error: toolkit 'gh' is bound to connection 'github-main', which runnel.yaml does not declare [connection-reference]",
            "workflows/notify.yaml:6:75: error: tool 'lookup' uses toolkit 'githib', which the workflow's 'connections' does not bind [connection-reference]",
            "workflows/notify.yaml:9:52: error: step 'ping' uses toolkit 'pager', which the workflow's 'connections' does not bind [connection-reference]",
        ], "\(diagnostics)")
        // Without the repository's connections only the bindings of the file itself are checked.
        let alone = Validator.validate(WorkflowLoader.load(path: "workflows/notify.yaml", text: Self.text)).filter { $0.rule == "connection-reference" }
        #expect(alone.count == 2)
    }

    @Test func aConnectionThatIsNotAStringIsATypeError() {
        let diagnostics = Validator.validate(WorkflowLoader.load(path: "workflows/x.yaml", text: """
            name: X
            connections: {slack: [a]}
            steps:
              - {id: a, type: http_request, config: {connection: 3, url: x}}
            """)).map(\.description)
        #expect(diagnostics.contains { $0.hasPrefix("workflows/x.yaml:2:22: error: 'connections.slack' must be a string") }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.hasPrefix("workflows/x.yaml:4:54: error: 'connection' of step 'a' must be a string") }, "\(diagnostics)")
    }
}
