import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension Dashboard {
    /// `/dashboard/workflows/data/etl` (or `data%2Fetl`): the workflow id of a catch-all path.
    static func catchAllID(_ context: BasicRequestContext) -> String {
        context.parameters.getCatchAll().joined(separator: "/").removingPercentEncoding ?? ""
    }

    func addWorkflowPageRoute(to router: Router<BasicRequestContext>) {
        router.get("/dashboard/workflows/**") { request, context in
            await signedInPage(request) { viewer in
                let id = Self.catchAllID(context)
                let api = "/api/workflows/\(Display.segment(id))"
                let answer = await call(.get, api, as: viewer, context: context)
                guard let workflow = answer.value else {
                    return problem(answer.failure ?? "", status: answer.status, viewer: viewer, request: request)
                }
                var page: [String: Any] = [
                    "id": id, "name": workflow["name"]?.stringValue ?? id, "state": workflow["status"]?.stringValue ?? "",
                    "path": workflow["path"]?.stringValue ?? "",
                    "tags": (workflow["tags"]?.arrayValue ?? []).compactMap(\.stringValue),
                    "versionsHref": "/dashboard/versions/\(Display.segment(id))",
                ]
                if let commit = workflow["commit"]?.stringValue { page["commit"] = String(commit.prefix(12)) }
                let definition = workflow["definition"] ?? .null
                if definition != .null {
                    let nodes = DAGNode.nodes(of: definition)
                    page["dag"] = DAGLayout(nodes).svg(link: { "#step-" + $0 })
                    page["steps"] = nodes.map { ["id": $0.id, "type": $0.type, "badge": $0.badge ?? "",
                                                 "depends": $0.dependsOn.joined(separator: ", ")] as [String: Any] }
                }
                let errors = workflow["errors"]?.arrayValue ?? []
                page["errorCount"] = errors.isEmpty ? nil : errors.count
                page["source"] = await sourceLines(id, errors: errors, viewer: viewer, context: context)
                let schedules = await call(.get, api + "/schedules", as: viewer, context: context)
                page["schedules"] = (schedules.value?["schedules"]?.arrayValue ?? []).map { schedule -> [String: Any] in
                    ["id": schedule["id"]?.stringValue ?? "", "cron": schedule["cron"]?.stringValue ?? "",
                     "timezone": schedule["timezone"]?.stringValue ?? "", "catchup": schedule["catchup"]?.stringValue ?? "",
                     "next": (schedule["next"]?.arrayValue ?? []).compactMap { Display.time($0.stringValue) }]
                }
                let others = triggerKinds(id).filter { $0 != "schedule" }
                if !others.isEmpty { page["otherTriggers"] = others.joined(separator: ", ") }
                if let description = workflow["description"]?.stringValue, !description.isEmpty { page["description"] = description }
                let runs = await call(.get, api + "/runs?limit=20", as: viewer, context: context)
                page["runs"] = (runs.value?["runs"]?.arrayValue ?? []).map(Display.run)
                let skipped = await call(.get, api + "/runs?limit=10&status=skipped&trigger=schedule", as: viewer, context: context)
                page["skipped"] = await (skipped.value?["runs"]?.arrayValue ?? []).asyncMap { run -> [String: Any] in
                    var row = Display.run(run)
                    let record = await call(.get, "/api/runs/\(Display.segment(run["id"]?.stringValue ?? ""))", as: viewer, context: context)
                    row["reason"] = record.value?["error"]?.stringValue ?? ""
                    return row
                }
                if viewer.may(.post, api + "/run"), let inputs = daemon.workflows[id]?.active?.workflow.inputs {
                    page["runForm"] = ["fields": inputs.map(RunForm.field), "action": "/dashboard/run/\(Display.segment(id))"] as [String: Any]
                }
                return self.page("workflow", title: id, section: .workflows, page, viewer: viewer, request: request)
            }
        }
    }

    /// The newest text of workflow `id`'s file, numbered, each diagnostic under its line with
    /// a caret (as `runnel validate` prints it).
    func sourceLines(_ id: String, errors: [JSONValue], viewer: Viewer, context: BasicRequestContext) async -> [[String: Any]] {
        let base = "/api/workflows/\(Display.segment(id))/versions"
        guard let newest = await call(.get, base, as: viewer, context: context).value?["versions"]?.arrayValue?.first,
              case let number = Display.int(newest["number"]), number > 0,
              let text = await call(.get, "\(base)/\(number)", as: viewer, context: context).value?["yaml"]?.stringValue else { return [] }
        var byLine: [Int: [JSONValue]] = [:]
        for error in errors { byLine[Display.int(error["line"]), default: []].append(error) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { index, line in
            let number = index + 1
            var row: [String: Any] = ["n": number, "text": String(line)]
            let found = byLine[number] ?? []
            if !found.isEmpty {
                row["diagnostics"] = found.map { d -> [String: Any] in
                    let column = max(1, Display.int(d["column"]))
                    let description = "\(d["file"]?.stringValue ?? ""):\(number):\(column): \(d["severity"]?.stringValue ?? "error"): "
                        + "\(d["message"]?.stringValue ?? "") [\(d["rule"]?.stringValue ?? "")]"
                    return ["caret": Diagnostic.caretPadding(column: column, of: line) + "^", "description": description]
                }
            }
            return row
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var out: [T] = []
        for element in self { out.append(await transform(element)) }
        return out
    }
}
