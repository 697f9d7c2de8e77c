import Foundation
import Hummingbird
import RunnelCore
import RunnelEngine

extension Dashboard {
    /// Runs per page of the runs page.
    static let runsPerPage = 50

    func addRunPages(to router: Router<BasicRequestContext>) {
        router.get("/dashboard/runs") { request, context in
            await signedInPage(request) { viewer in
                await runsPage(request, viewer: viewer, context: context)
            }
        }
        router.get("/dashboard/runs/{id}") { request, context in
            await signedInPage(request) { viewer in
                await runPage(context.parameters.get("id") ?? "", request, viewer: viewer, context: context)
            }
        }
        router.get("/dashboard/runs/{id}/events") { request, context in
            await signedInPage(request) { viewer in
                let id = context.parameters.get("id") ?? ""
                let last = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
                do {
                    return try await api.stream("/api/runs/\(Display.segment(id))/stream", key: apiKey(viewer), lastEventID: last, context: context)
                } catch {
                    return PageRenderer.html("", status: .notFound)
                }
            }
        }
    }

    /// The runs page: the API's run list with the filters of the URL, a page at a time by cursor.
    func runsPage(_ request: Request, viewer: Viewer, context: BasicRequestContext) async -> Response {
        let query = request.uri.queryParameters
        let status = query.get("status"), workflow = query.get("workflow"), trigger = query.get("trigger")
        let from = query.get("from"), to = query.get("to"), before = query.get("before")
        let path = "/api/runs" + Display.query([
            ("workflow", workflow), ("status", status), ("trigger", trigger),
            ("since", from.map { Self.dayStart($0) }), ("until", to.map { Self.dayEnd($0) }),
            ("before", before), ("limit", String(Self.runsPerPage)),
        ])
        let answer = await call(.get, path, as: viewer, context: context)
        guard let list = answer.value else { return problem(answer.failure ?? "", status: answer.status, viewer: viewer, request: request) }
        let runs = (list["runs"]?.arrayValue ?? []).map(Display.run)
        let filters: [(String, String?)] = [("status", status), ("workflow", workflow), ("trigger", trigger), ("from", from), ("to", to)]
        var page: [String: Any] = [
            "runs": runs, "total": Display.int(list["total"]), "workflow": workflow ?? "", "trigger": trigger ?? "",
            "from": from ?? "", "to": to ?? "", "paged": before != nil, "first": "/dashboard/runs" + Display.query(filters),
            "statuses": ([""] + ["queued", "running", "awaiting_approval", "paused", "completed", "failed", "cancelled", "skipped"]).map {
                ["value": $0, "label": $0.isEmpty ? "any" : $0, "selected": $0 == (status ?? "")] as [String: Any]
            },
            "canCancel": viewer.may(.post, "/api/runs/x/cancel"),
        ]
        if let cursor = list["next_cursor"]?.stringValue { page["older"] = "/dashboard/runs" + Display.query(filters + [("before", cursor)]) }
        return self.page("runs", title: "Runs", section: .runs, page, viewer: viewer, request: request)
    }

    /// `2026-12-03` as the start of that day (UTC); anything else as given (the API says what's wrong).
    static func dayStart(_ day: String) -> String { isDay(day) ? day + "T00:00:00Z" : day }
    /// `2026-12-03` as the end of that day: the start of the next (UTC).
    static func dayEnd(_ day: String) -> String {
        guard isDay(day), let date = RunCoding.parse(day + "T00:00:00Z") else { return day }
        return date.addingTimeInterval(86_400).formatted(.iso8601)
    }
    static func isDay(_ text: String) -> Bool { text.count == 10 && text.split(separator: "-").count == 3 }
}

extension Templates {
    static let runs = """
        <h1>Runs <span class="muted">({{total}})</span></h1>
        <form method="get" action="/dashboard/runs" class="filters" id="run-filters">
        <label>Status <select name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></label>
        <label>Workflow <input name="workflow" value="{{workflow}}" size="16"></label>
        <label>Trigger <input name="trigger" value="{{trigger}}" size="9" placeholder="manual"></label>
        <label>From <input type="date" name="from" value="{{from}}"></label><label>To <input type="date" name="to" value="{{to}}"></label>
        <button type="submit">Filter</button></form>
        <form method="post" action="/dashboard/runs/cancel" id="bulk">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <table id="runs"><thead><tr>{{#canCancel}}<th><input type="checkbox" id="select-all" title="Select all"></th>{{/canCancel}}<th>Run</th><th>Workflow</th><th>Status</th><th>Trigger</th><th>Created</th><th>Ended</th></tr></thead><tbody>
        {{#runs}}<tr data-run="{{id}}">{{#canCancel}}<td>{{#open}}<input type="checkbox" name="run" value="{{id}}">{{/open}}</td>{{/canCancel}}<td><a href="{{href}}"><code>{{id}}</code></a></td><td><a href="{{workflowHref}}">{{workflow}}</a></td>
        <td><span class="status" data-status="{{status}}">{{status}}</span></td><td>{{trigger}}</td><td>{{#created}}<time datetime="{{iso}}">{{text}}</time>{{/created}}</td><td>{{#completed}}<time datetime="{{iso}}">{{text}}</time>{{/completed}}</td></tr>{{/runs}}
        </tbody></table>
        {{#empty(runs)}}<p class="muted">No run matches.</p>{{/empty(runs)}}
        {{#canCancel}}<p><button type="submit" class="danger" id="bulk-cancel">Cancel selected</button></p>{{/canCancel}}
        </form>
        <div class="pager">{{#paged}}<a href="{{first}}">« Newest</a>{{/paged}}{{#older}}<a href="{{older}}" id="older">Older »</a>{{/older}}</div>
        """
}
