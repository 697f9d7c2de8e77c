import Foundation
import MCP
import RunnelCore

extension RunnelMCPServer {
    /// The resource kinds: a workflow's file and a run's record.
    static let resourceTemplates = [
        Resource.Template(uriTemplate: "runnel://workflows/{workflow_id}", name: "workflow",
                          description: "A workflow's file (YAML) as its newest version holds it.", mimeType: "application/yaml"),
        Resource.Template(uriTemplate: "runnel://runs/{run_id}", name: "run",
                          description: "A run's record (JSON): status, steps, outputs, error.", mimeType: "application/json"),
    ]

    /// How many of the newest runs `resources/list` names.
    static let listedRuns = 50

    /// Every workflow's file and the newest runs' records.
    func resources() async throws -> [Resource] {
        do {
            let workflows = try await allWorkflows([:])
            let runs = try await operations.listRuns(["limit": String(Self.listedRuns)])["runs"]?.arrayValue ?? []
            return workflows.compactMap { entry in
                entry["id"]?.stringValue.map { id in
                    Resource(name: id, uri: "runnel://workflows/" + id, title: entry["name"]?.stringValue,
                             description: entry["description"]?.stringValue, mimeType: "application/yaml")
                }
            } + runs.compactMap { run in
                run["id"]?.stringValue.map { id in
                    Resource(name: id, uri: "runnel://runs/" + id,
                             description: "Run of \(run["workflow_id"]?.stringValue ?? "?"): \(run["status"]?.stringValue ?? "?")", mimeType: "application/json")
                }
            }
        } catch {
            throw MCPError.internalError("\(error)")
        }
    }

    /// The file or record `uri` names.
    func read(_ uri: String) async throws -> ReadResource.Result {
        do {
            if let id = Self.suffix(uri, after: "runnel://workflows/") {
                return ReadResource.Result(contents: [.text(try await operations.workflowFile(id), uri: uri, mimeType: "application/yaml")])
            }
            if let id = Self.suffix(uri, after: "runnel://runs/") {
                return ReadResource.Result(contents: [.text(try await operations.run(id).serialized(pretty: true), uri: uri, mimeType: "application/json")])
            }
        } catch {
            throw MCPError.invalidParams("\(uri): \(error)")
        }
        throw MCPError.invalidParams("unknown resource '\(uri)' (runnel://workflows/{id} or runnel://runs/{run_id})")
    }

    private static func suffix(_ uri: String, after prefix: String) -> String? {
        guard uri.hasPrefix(prefix), uri.count > prefix.count else { return nil }
        let rest = String(uri.dropFirst(prefix.count))
        return rest.removingPercentEncoding ?? rest
    }
}
