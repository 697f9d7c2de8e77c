import Foundation
import Hummingbird
import HummingbirdTesting
import MCP
import RunnelAPI
import RunnelCore
import RunnelMCP
import Testing

/// Runnel's MCP server driven by the SDK's client over its in-memory transport, in front of a
/// real daemon over a real repository (the same operations `runnel mcp` uses locally).
@Suite struct MCPServerTests {
    /// The template the tests install (shared with scripts/mcp-client.py).
    static var echoTemplate: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("scripts/mcp-echo-template.yaml"), encoding: .utf8)) ?? ""
    }

    static let shout = """
        name: Shout
        inputs:
          text: {type: string, required: true, description: What to shout}
          times: {type: integer, default: 1}
        on:
          mcp: {description: Shout the text}
        steps:
          - id: say
            type: script
            config:
              env: {TEXT: "${{ inputs.text }}"}
              run: 'echo "said=$TEXT!" >> "$RUNNEL_OUTPUT"'
        outputs:
          said: ${{ steps.say.output.said }}
        """

    /// A connected client and the server's pieces.
    struct Session {
        let client: Client
        let server: Server
        let mcp: RunnelMCPServer
    }

    static func connect(_ fixture: APITests.Fixture) async throws -> Session {
        let mcp = RunnelMCPServer(operations: APIRoutes(daemon: fixture.daemon, keys: nil).localOperations(), version: "test")
        let server = await mcp.makeServer(listChanged: true)
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverSide)
        let client = Client(name: "runnel-tests", version: "1")
        _ = try await client.connect(transport: clientSide)
        return Session(client: client, server: server, mcp: mcp)
    }

    static func json(_ content: [Tool.Content]) throws -> JSONValue {
        guard case .text(let text, _, _)? = content.first else { throw TestFailure("no text content") }
        return try JSONParser.parse(text)
    }

    static func text(_ content: [Tool.Content]) -> String {
        if case .text(let text, _, _)? = content.first { return text }
        return ""
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func listsEveryToolWithItsSchemaHintsAndScopeAndAWorkflowTool() async throws {
        let fixture = try await APITests.Fixture(["workflows/team/shout.yaml": Self.shout, "workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let session = try await Self.connect(fixture)
        let tools = try await session.client.listTools().tools
        let names = tools.map(\.name)
        #expect(names == MCPToolCatalog.tools.map(\.name) + ["team__shout"], "greet has no on.mcp: no tool")
        let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0.name, $0) })
        #expect(byName["list_workflows"]?.annotations.readOnlyHint == true)
        #expect(byName["cancel_run"]?.annotations.destructiveHint == true)
        #expect(byName["trigger_workflow"]?.annotations.readOnlyHint == false)
        #expect(byName["trigger_workflow"]?._meta?["runnel/scope"] == .string("run"))
        #expect(byName["create_workflow_from_template"]?._meta?["runnel/scope"] == .string("write"))
        #expect(byName["get_run"]?.inputSchema.objectValue?["required"] == .array([.string("run_id")]))
        let shout = try #require(byName["team__shout"])
        #expect(shout.description?.hasPrefix("Shout the text") == true)
        let schema = JSONValue(shout.inputSchema)
        #expect(schema["required"] == ["text"])
        #expect(schema["properties"]?["times"] == ["type": "integer", "default": 1])
        #expect(schema["properties"]?["text"]?["description"] == "What to shout")
        await session.server.stop()
    }

    @Test func createsAWorkflowFromATemplateTriggersItAndWaitsForItsOutputs() async throws {
        let fixture = try await APITests.Fixture(["templates/echo.yaml": Self.echoTemplate, "workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let session = try await Self.connect(fixture)
        let templates = try Self.json(try await session.client.callTool(name: "list_workflow_templates").content)
        #expect(templates["templates"]?.arrayValue?.contains { $0["id"] == "echo" } == true)

        let created = try await session.client.callTool(name: "create_workflow_from_template",
                                                        arguments: ["template_slug": "echo", "workflow_id": "tools/echo", "inputs": ["word": "hey"]])
        #expect(created.isError == false, "\(Self.text(created.content))")
        let answer = try Self.json(created.content)
        #expect(answer["id"] == "tools/echo")
        #expect(answer["path"] == "workflows/tools/echo.yaml")
        #expect(answer["commit"]?.stringValue?.count == 40)
        _ = try await fixture.daemon.reconciler.reconcile()

        let run = try await session.client.callTool(name: "trigger_workflow",
                                                    arguments: ["workflow_id": "tools/echo", "payload": ["text": "there"], "wait_seconds": 30])
        let result = try Self.json(run.content)
        #expect(result["status"] == "completed", "\(result.serialized())")
        #expect(result["outputs"]?["said"] == "hey there")
        let runID = try #require(result["run_id"]?.stringValue)

        let report = try Self.json(try await session.client.callTool(name: "get_run", arguments: ["run_id": .string(runID), "tail_lines": 5]).content)
        #expect(report["trigger"]?["type"] == "mcp")
        #expect(report["steps"]?.arrayValue?.first?["status"] == "completed")
        #expect(report["log_tail"]?.arrayValue != nil)

        // The new workflow is a tool of its own now; calling it starts a run that records trigger: mcp.
        let tools = try await session.client.listTools().tools.map(\.name)
        #expect(tools.contains("tools__echo"))
        let direct = try Self.json(try await session.client.callTool(name: "tools__echo", arguments: ["text": "again"]).content)
        #expect(direct["outputs"]?["said"] == "hey again", "\(direct.serialized())")
        let listed = try Self.json(try await session.client.callTool(name: "list_runs", arguments: ["trigger": "mcp"]).content)
        #expect(listed["total"] == 2)

        // Resources: the workflow's file and each run's record.
        let resources = try await session.client.listResources().resources.map(\.uri)
        #expect(resources.contains("runnel://workflows/tools/echo"))
        #expect(resources.contains("runnel://runs/" + runID))
        let file = try await session.client.readResource(uri: "runnel://workflows/tools/echo")
        #expect(file.first?.text?.contains("Echo hey") == true)
        let record = try await session.client.readResource(uri: "runnel://runs/" + runID)
        #expect(try JSONParser.parse(record.first?.text ?? "")["status"] == "completed")
        await session.server.stop()
    }

    @Test func refusalsAreToolErrorsThatSayWhy() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let session = try await Self.connect(fixture)
        let missing = try await session.client.callTool(name: "trigger_workflow", arguments: ["workflow_id": "nope"])
        #expect(missing.isError == true)
        #expect(Self.text(missing.content).contains("nope"))
        let badInputs = try await session.client.callTool(name: "trigger_workflow", arguments: ["workflow_id": "greet", "payload": ["who": 3]])
        #expect(badInputs.isError == true)
        #expect(Self.text(badInputs.content).contains("who"))
        let noID = try await session.client.callTool(name: "get_run", arguments: [:])
        #expect(Self.text(noID.content) == "get_run: 'run_id' is required")
        let tooLong = try await session.client.callTool(name: "trigger_workflow", arguments: ["workflow_id": "greet", "wait_seconds": 61])
        #expect(Self.text(tooLong.content).contains("from 0 to 60"))
        let invalid = try Self.json(try await session.client.callTool(name: "validate_workflow", arguments: ["definition": "name: x\nsteps: []\nbogus: 1\n"]).content)
        #expect(invalid["valid"] == false)
        #expect(invalid["errors"]?.arrayValue?.contains { $0["message"]?.stringValue?.contains("bogus") == true } == true)
        await session.server.stop()
    }

    @Test func aPushThatAddsAWorkflowToolSendsToolsListChanged() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let mcp = RunnelMCPServer(operations: APIRoutes(daemon: fixture.daemon, keys: nil).localOperations(), version: "test")
        let server = await mcp.makeServer(listChanged: true)
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverSide)
        let client = Client(name: "runnel-tests", version: "1")
        let (changes, continuation) = AsyncStream<Void>.makeStream()
        await client.onNotification(ToolListChangedNotification.self) { _ in continuation.yield() }
        let initialized = try await client.connect(transport: clientSide)
        #expect(initialized.capabilities.tools?.listChanged == true)
        let watcher = Task { await ToolListWatcher(server: mcp, interval: .milliseconds(50)).run(notifying: server) }
        defer { watcher.cancel() }
        try await Task.sleep(for: .milliseconds(200))

        try Self.write(Self.shout, to: fixture.folder + "/repo/workflows/shout.yaml")
        try APITests.Fixture.git(fixture.folder + "/repo", "add", "-A")
        try APITests.Fixture.git(fixture.folder + "/repo", "commit", "-q", "-m", "add shout")
        _ = try await fixture.daemon.reconciler.reconcile()
        let arrived = await Self.first(of: changes, within: .seconds(10))
        #expect(arrived, "no tools/list_changed after the push")
        #expect(try await client.listTools().tools.map(\.name).contains("shout"))
        await server.stop()
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func first(of stream: AsyncStream<Void>, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { for await _ in stream { return true }; return false }
            group.addTask { try? await Task.sleep(for: limit); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    @Test func postMCPAnswersJSONRPCAndChecksEachToolsScopeWithTheBearerKey() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let reader = try keys.create(name: "reader", scopes: [.read])
        let runner = try keys.create(name: "runner", scopes: [.run])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        try await app.test(.router) { client in
            func call(_ key: String?, _ body: String) async throws -> (HTTPResponse.Status, JSONValue) {
                var headers: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]
                if let key { headers[.authorization] = "Bearer \(key)" }
                return try await client.execute(uri: "/mcp", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    ($0.status, (try? JSONParser.parse(String(buffer: $0.body))) ?? .null)
                }
            }
            let trigger = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"trigger_workflow","arguments":{"workflow_id":"greet","payload":{"who":"ann"}}}}"#
            #expect(try await call(nil, trigger).0 == .unauthorized)
            let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
            let (status, answer) = try await call(reader, initialize)
            #expect(status == .ok)
            #expect(answer["result"]?["serverInfo"]?["name"] == "runnel")
            let list = try await call(reader, #"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#).1
            #expect(list["result"]?["tools"]?.arrayValue?.count == MCPToolCatalog.tools.count)
            let refused = try await call(reader, trigger).1
            #expect(refused["result"]?["isError"] == true)
            let message = refused["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
            #expect(message.contains("lacks the 'run' scope"), "\(message)")
            let started = try await call(runner, trigger).1
            #expect(started["result"]?["isError"] == false, "\(started.serialized())")
            #expect(started["result"]?["structuredContent"]?["run_id"]?.stringValue != nil)
        }
    }
}
