import Foundation
import Hummingbird
import RunnelCore

extension Dashboard {
    func addApprovalPages(to router: Router<BasicRequestContext>) {
        router.get("/dashboard/approvals") { request, context in
            await signedInPage(request) { viewer in
                let answer = await call(.get, "/api/approvals", as: viewer, context: context)
                guard let list = answer.value else { return problem(answer.failure ?? "", status: answer.status, viewer: viewer, request: request) }
                let waits = (list["approvals"]?.arrayValue ?? []).map { wait -> [String: Any] in
                    let run = wait["run_id"]?.stringValue ?? "", step = wait["step_id"]?.stringValue ?? ""
                    let decide = "/api/runs/\(Display.segment(run))/approvals/\(Display.segment(step))"
                    var row: [String: Any] = [
                        "run": run, "step": step, "runHref": "/dashboard/runs/\(Display.segment(run))",
                        "workflow": wait["workflow_id"]?.stringValue ?? "", "remaining": Display.int(wait["remaining"]),
                        "mayDecide": viewer.may(.post, decide),
                        "decisions": (wait["decisions"]?.arrayValue ?? []).map { d -> [String: Any] in
                            ["by": d["by"]?.stringValue ?? "", "approved": d["approved"]?.boolValue == true, "note": d["note"]?.stringValue ?? ""]
                        },
                    ]
                    row["message"] = wait["message"]?.stringValue
                    row["schema"] = Display.json(wait["input_schema"])
                    let approvers = (wait["approvers"]?.arrayValue ?? []).compactMap(\.stringValue)
                    if !approvers.isEmpty { row["approvers"] = approvers.joined(separator: ", ") }
                    row["expires"] = Display.time(wait["expires_at"]?.stringValue)
                    return row
                }
                return page("approvals", title: "Approvals", section: .approvals, ["waits": waits], viewer: viewer, request: request)
            }
        }
    }
}

extension Templates {
    static let approvals = """
        <h1>Approvals</h1>
        {{#empty(waits)}}<p class="muted" id="no-approvals">Nothing waits for a decision.</p>{{/empty(waits)}}
        {{#waits}}<section class="panel approval" data-run="{{run}}" data-step="{{step}}">
        <h2><a href="{{runHref}}"><code>{{run}}</code></a> · {{workflow}} · step <code>{{step}}</code></h2>
        {{#message}}<blockquote>{{message}}</blockquote>{{/message}}
        <p class="muted">{{remaining}} more approval(s) needed{{#approvers}} · approvers: {{approvers}}{{/approvers}}{{#expires}} · expires <time datetime="{{iso}}">{{text}}</time>{{/expires}}</p>
        {{#decisions}}<p>{{by}}: {{#approved}}approved{{/approved}}{{^approved}}rejected{{/approved}} {{note}}</p>{{/decisions}}
        {{#mayDecide}}<form method="post" action="/dashboard/approvals/decide">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="run" value="{{run}}"><input type="hidden" name="step" value="{{step}}">
        <p><label>Note <textarea name="note" rows="2" cols="50"></textarea></label></p>
        {{#schema}}<p><label>Input (JSON matching the schema) <textarea name="input" rows="5" cols="50">{}</textarea></label></p><details><summary>Schema</summary><pre>{{schema}}</pre></details>{{/schema}}
        <p><button type="submit" name="action" value="approve" class="primary">Approve</button> <button type="submit" name="action" value="reject" class="danger">Reject</button></p>
        </form>{{/mayDecide}}
        </section>{{/waits}}
        """
}
