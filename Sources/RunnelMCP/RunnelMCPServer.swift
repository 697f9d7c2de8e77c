public import MCP
import RunnelCore
import Foundation

/// Runnel's MCP server: the tools of ``MCPToolCatalog``, a tool per workflow with `on.mcp`,
/// and resources (workflow files, run records), all answered through one ``RunnelOperations``.
/// The transports differ only in where the operations go (docs/mcp.md).
public struct RunnelMCPServer: Sendable {
    /// The operations the tools call.
    public let operations: any RunnelOperations
    /// The server's version, as `initialize` reports it.
    public let version: String

    /// A server over `operations`.
    public init(operations: any RunnelOperations, version: String) {
        self.operations = operations
        self.version = version
    }

    /// An SDK `Server` with every handler registered (not started). With `listChanged`, the
    /// server says it sends `notifications/tools/list_changed` (stdio; stateless HTTP can't).
    public func makeServer(listChanged: Bool) async -> Server {
        let server = Server(name: "runnel", version: version, title: "Runnel",
                            instructions: "Runnel runs the automation workflows of a git repository. List, validate, create and run workflows; "
                                + "a workflow offered with on.mcp is a tool of its own. Approvals are decided by people, not by tools.",
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: listChanged)))
        let this = self
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: try await this.tools().map(\.listed))
        }
        await server.withMethodHandler(CallTool.self) { params in
            await this.call(params.name, arguments: JSONValue(Value.object(params.arguments ?? [:])).objectValue ?? [:])
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: try await this.resources())
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: Self.resourceTemplates)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            try await this.read(params.uri)
        }
        return server
    }

    /// The built-in tools, then one per workflow offered with `on.mcp` (whose name is no built-in's).
    public func tools() async throws -> [MCPTool] {
        try await MCPToolCatalog.tools + workflowTools()
    }

    /// The tools of the active workflows with `on.mcp`, by name (the first of two that would share one).
    public func workflowTools() async throws -> [MCPTool] {
        try await workflowToolsByID().map(\.tool)
    }

    /// Each workflow tool with the id of its workflow.
    func workflowToolsByID() async throws -> [(id: String, tool: MCPTool)] {
        var taken = Set(MCPToolCatalog.tools.map(\.name))
        var tools: [(id: String, tool: MCPTool)] = []
        for entry in try await allWorkflows(["status": "active"]) {
            guard let id = entry["id"]?.stringValue, let mcp = entry["mcp"], mcp != .null else { continue }
            var tool = MCPToolCatalog.workflowTool(id: id, mcp: mcp)
            tool.name = Self.toolName(of: id)
            if taken.insert(tool.name).inserted { tools.append((id, tool)) }
        }
        return tools
    }

    /// Every workflow `GET /api/workflows` lists with `filter`, page by page.
    func allWorkflows(_ filter: [String: String]) async throws -> [JSONValue] {
        var all: [JSONValue] = []
        while true {
            var query = filter
            query["limit"] = "200"
            query["offset"] = String(all.count)
            let page: JSONValue
            do {
                page = try await operations.listWorkflows(query)
            } catch {
                throw MCPError.internalError("cannot list the workflows: \(error)")
            }
            let items = page["workflows"]?.arrayValue ?? []
            all += items
            let total = page["total"]?.numberValue ?? 0
            if items.isEmpty || Double(all.count) >= total { return all }
        }
    }

    /// A workflow's tool name: its id with `/` written `__` (tool names have no `/`).
    public static func toolName(of workflowID: String) -> String {
        workflowID.replacingOccurrences(of: "/", with: "__")
    }
}
