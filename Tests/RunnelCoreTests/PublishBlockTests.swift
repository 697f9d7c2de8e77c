import Testing
@testable import RunnelCore

/// `publish:` and the public view of a workflow (the gallery's allow-list).
@Suite struct PublishBlockTests {
    @Test func theBlockIsReadAndItsUnknownKeysReported() throws {
        let result = WorkflowLoader.load(path: "workflows/p.yaml", text: """
            name: P
            publish: {title: Pretty, categories: [a, b], icon: "🚀", colour: red}
            steps:
              - {id: s, type: script, config: {run: "true"}}
            """)
        #expect(result.workflow?.publish == PublishBlock(title: "Pretty", categories: ["a", "b"], icon: "🚀"))
        #expect(result.diagnostics.map(\.rule) == ["unknown-key"])
        #expect(result.diagnostics.first?.message.contains("unknown key 'colour' in 'publish'") == true, "\(result.diagnostics)")
    }

    @Test func thePublicViewHoldsOnlyTheAllowList() throws {
        let workflow = try #require(WorkflowLoader.load(path: "workflows/p.yaml", text: """
            name: P
            tags: [secret-tag]
            env: {KEY: value}
            on:
              webhook: [{id: hook-id, secret: HOOK}]
            steps:
              - {id: a, type: http_request, config: {url: "https://x.example.com/?t=1"}}
              - {id: b, name: Second, type: script, depends_on: [a], config: {run: "echo hi"}}
            """).workflow)
        let view = workflow.publicView
        #expect(Set(view.objectValue?.keys ?? [:].keys) == ["id", "name", "description", "publish", "inputs", "triggers", "steps", "dag"])
        #expect(view["steps"] == [["id": "a", "name": .null, "type": "http_request"], ["id": "b", "name": "Second", "type": "script"]])
        #expect(view["triggers"] == ["webhook"])
        #expect(view["publish"] == .null)
        let text = view.serialized()
        for word in ["secret-tag", "KEY", "hook-id", "HOOK", "example.com", "echo"] { #expect(!text.contains(word), "\(word)") }
    }
}
