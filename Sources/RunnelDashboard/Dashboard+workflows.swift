import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

extension Dashboard {
    func addWorkflowPages(to router: Router<BasicRequestContext>) {
        addWorkflowPageRoute(to: router)
        router.get("/dashboard/workflows") { request, context in
            await signedInPage(request) { viewer in
                let query = request.uri.queryParameters
                let state = query.get("state"), tag = query.get("tag"), text = query.get("q")
                let path = "/api/workflows" + Display.query([("status", state), ("tag", tag), ("q", text), ("limit", "200")])
                let answer = await call(.get, path, as: viewer, context: context)
                guard let list = answer.value else {
                    return problem(answer.failure ?? "", status: answer.status, viewer: viewer, request: request)
                }
                var rows: [[String: Any]] = []
                for item in list["workflows"]?.arrayValue ?? [] {
                    rows.append(await workflowRow(item, viewer: viewer, context: context))
                }
                let states = ["", "active", "paused", "draft", "archived", "invalid"].map {
                    ["value": $0, "label": $0.isEmpty ? "any" : $0, "selected": $0 == (state ?? "")] as [String: Any]
                }
                return page("workflows", title: "Workflows", section: .workflows,
                            ["workflows": rows, "states": states, "tag": tag ?? "", "q": text ?? "", "empty": rows.isEmpty,
                             "total": Display.int(list["total"])],
                            viewer: viewer, request: request)
            }
        }
    }

    /// A row of the workflows page: the API's summary, the next fire time and trigger kinds.
    func workflowRow(_ item: JSONValue, viewer: Viewer, context: BasicRequestContext) async -> [String: Any] {
        let id = item["id"]?.stringValue ?? ""
        var row: [String: Any] = [
            "id": id, "href": "/dashboard/workflows/\(Display.segment(id))", "name": item["name"]?.stringValue ?? "",
            "state": item["status"]?.stringValue ?? "", "tags": (item["tags"]?.arrayValue ?? []).compactMap(\.stringValue),
        ]
        let errors = Display.int(item["error_count"])
        if errors > 0 { row["errors"] = errors }
        if let latest = item["latest_run"], latest != .null { row["latest"] = Display.run(latest) }
        let kinds = triggerKinds(id)
        row["triggers"] = kinds.isEmpty ? "manual" : kinds.joined(separator: ", ")
        if kinds.contains("schedule") {
            let schedules = await call(.get, "/api/workflows/\(Display.segment(id))/schedules", as: viewer, context: context)
            let next = (schedules.value?["schedules"]?.arrayValue ?? []).compactMap { $0["next"]?.arrayValue?.first?.stringValue }.min()
            row["next"] = Display.time(next)
        }
        return row
    }

    /// The kinds of trigger the active version of workflow `id` declares.
    func triggerKinds(_ id: String) -> [String] {
        guard let triggers = daemon.workflows[id]?.active?.workflow.triggers else { return [] }
        var kinds: [String] = []
        if !triggers.schedules.isEmpty { kinds.append("schedule") }
        if !triggers.events.isEmpty { kinds.append("event") }
        if !triggers.webhooks.isEmpty { kinds.append("webhook") }
        if !triggers.workflows.isEmpty { kinds.append("workflow") }
        return kinds
    }
}

extension Templates {
    static let workflows = """
        <h1>Workflows <span class="muted">({{total}})</span></h1>
        <form method="get" action="/dashboard/workflows" class="filters">
        <label>State <select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <label>Tag <input name="tag" value="{{tag}}" size="12"></label>
        <label>Search <input name="q" value="{{q}}" size="18" type="search"></label>
        <button type="submit">Filter</button></form>
        {{#empty}}<p class="muted">No workflow matches.</p>{{/empty}}
        {{^empty}}<table id="workflows"><thead><tr><th>Workflow</th><th>State</th><th>Last run</th><th>Next fire</th><th>Triggers</th><th>Tags</th></tr></thead><tbody>
        {{#workflows}}<tr data-workflow="{{id}}"><td><a href="{{href}}">{{id}}</a><br><span class="muted">{{name}}</span></td>
        <td><span class="status" data-status="{{state}}">{{state}}</span>{{#errors}} <span class="error-text">{{errors}} error(s)</span>{{/errors}}</td>
        <td>{{#latest}}<a href="{{href}}"><span class="status" data-status="{{status}}">{{status}}</span></a> {{#created}}<time datetime="{{iso}}">{{text}}</time>{{/created}}{{/latest}}{{^latest}}<span class="muted">never</span>{{/latest}}</td>
        <td>{{#next}}<time datetime="{{iso}}">{{text}}</time>{{/next}}{{^next}}<span class="muted">—</span>{{/next}}</td>
        <td>{{triggers}}</td><td>{{#tags}}<span class="tag">{{.}}</span>{{/tags}}</td></tr>{{/workflows}}
        </tbody></table>{{/empty}}
        """
}
