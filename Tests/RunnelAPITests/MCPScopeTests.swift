import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelMCP
import Testing

/// Each tool's declared scope is the one `POST /mcp` enforces: with a key of every scope, a
/// tool is refused for lacking a scope exactly when its declared scope isn't granted.
@Suite struct MCPScopeTests {
    /// Arguments that get each tool past its own checks to its API call (unknown ids: answered 404 once allowed).
    static let arguments: [String: JSONValue] = [
        "list_workflows": [:], "get_workflow": ["workflow_id": "greet"], "validate_workflow": ["definition": "name: x\nsteps: []\n"],
        "list_workflow_templates": [:], "create_workflow_from_template": ["template_slug": "nope"],
        "trigger_workflow": ["workflow_id": "nope"], "get_run": ["run_id": "nope"], "cancel_run": ["run_id": "nope"],
        "list_runs": [:], "list_approvals": [:],
    ]

    @Test func everyToolIsRefusedExactlyWhenTheKeyLacksItsDeclaredScope() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        var byScope: [(APIKeys.Scope, String)] = []
        for scope in APIKeys.Scope.allCases { byScope.append((scope, try keys.create(name: "key-\(scope.rawValue)", scopes: [scope]))) }
        let scoped = byScope
        #expect(Set(Self.arguments.keys) == Set(MCPToolCatalog.tools.map(\.name)))
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        try await app.test(.router) { client in
            for tool in MCPToolCatalog.tools {
                let call: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "tools/call",
                                       "params": ["name": .string(tool.name), "arguments": Self.arguments[tool.name] ?? [:]]]
                for (granted, key) in scoped {
                    let answer = try await client.execute(uri: "/mcp", method: .post,
                                                          headers: [.contentType: "application/json", .authorization: "Bearer \(key)"],
                                                          body: ByteBuffer(string: call.serialized())) { try JSONParser.parse(String(buffer: $0.body)) }
                    let text = answer["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? answer.serialized()
                    let allowed = granted == .admin || granted.rawValue == tool.scope.rawValue || tool.scope == .read
                    #expect(text.contains("lacks the") == !allowed, "\(tool.name) with a \(granted.rawValue) key: \(text)")
                }
            }
        }
        #expect(await fixture.daemon.workflows.keys.sorted() == ["greet"], "nothing was written")
    }
}
