import Foundation
import Hummingbird
import RunnelCore
import RunnelEngine

extension Dashboard {
    /// The page of run `id`: its header, DAG coloured by step status, timeline, steps with
    /// output, error and log, and the buttons its key may use. An open run follows its
    /// event stream (`data-live-run`); `?fragment=live` is the part the script swaps in.
    func runPage(_ id: String, _ request: Request, viewer: Viewer, context: BasicRequestContext) async -> Response {
        let api = "/api/runs/\(Display.segment(id))"
        let answer = await call(.get, api, as: viewer, context: context)
        guard let record = answer.value else { return problem(answer.failure ?? "", status: answer.status, viewer: viewer, request: request) }
        let workflowID = record["workflow_id"]?.stringValue ?? ""
        let status = record["status"]?.stringValue ?? ""
        let open = ["queued", "running", "awaiting_approval", "paused"].contains(status)
        let version = record["workflow_version"].map { Display.int($0) }
        // The DAG of the version the run ran (else the active one).
        var definition: JSONValue = .null
        let workflowAPI = "/api/workflows/\(Display.segment(workflowID))"
        if let version { definition = await call(.get, "\(workflowAPI)/versions/\(version)", as: viewer, context: context).value?["definition"] ?? .null }
        if definition == .null { definition = await call(.get, workflowAPI, as: viewer, context: context).value?["definition"] ?? .null }
        let stepRuns = record["step_runs"]?.arrayValue ?? []
        var latest: [String: JSONValue] = [:]
        for run in stepRuns { if let step = run["step_id"]?.stringValue { latest[step] = run } }
        let logs = await call(.get, api + "/logs", as: viewer, context: context).value?["lines"]?.arrayValue ?? []
        var logByStep: [String: [JSONValue]] = [:]
        for line in logs { if let step = line["step_id"]?.stringValue { logByStep[step, default: []].append(line) } }
        var nodes = DAGNode.nodes(of: definition)
        let known = Set(nodes.map(\.id))
        for run in stepRuns { if let step = run["step_id"]?.stringValue, !known.contains(step), !nodes.contains(where: { $0.id == step }) {
            nodes.append(DAGNode(id: step, type: "step", dependsOn: []))
        } }
        let stepStatus: (String) -> String = { latest[$0]?["status"]?.stringValue ?? "pending" }
        let steps = nodes.map { node -> [String: Any] in
            let run = latest[node.id]
            let lines = logByStep[node.id] ?? []
            var row: [String: Any] = [
                "id": node.id, "type": node.type, "status": stepStatus(node.id),
                "log": lines.map { line -> [String: Any] in
                    ["text": line["text"]?.stringValue ?? "", "stderr": line["stream"]?.stringValue == "stderr"]
                },
                "seq": Display.int(lines.last?["seq"]), "hasLog": !lines.isEmpty || stepStatus(node.id) == "running",
            ]
            let attempt = Display.int(run?["attempt"])
            row["attempt"] = attempt > 0 ? String(attempt) : ""
            row["stepOutput"] = Display.json(run?["output"])
            row["stepError"] = run?["error"]?.stringValue
            row["stepDuration"] = Display.duration(run?["duration_seconds"]?.numberValue)
            row["hasDetail"] = row["stepError"] != nil || row["stepOutput"] != nil || row["hasLog"] as? Bool == true
            return row
        }
        let bars = stepRuns.compactMap { run -> Gantt.Bar? in
            guard let step = run["step_id"]?.stringValue, let start = run["started_at"]?.stringValue.flatMap(RunCoding.parse) else { return nil }
            return Gantt.Bar(stepID: step, status: run["status"]?.stringValue ?? "", attempt: max(1, Display.int(run["attempt"])),
                             start: start, end: run["completed_at"]?.stringValue.flatMap(RunCoding.parse))
        }
        var page: [String: Any] = [
            "id": id, "workflow": workflowID, "workflowHref": "/dashboard/workflows/\(Display.segment(workflowID))", "status": status,
            "trigger": record["trigger"]?["type"]?.stringValue ?? "", "open": open, "steps": steps,
            "dag": DAGLayout(nodes).svg(link: { "#step-" + $0 }, status: stepStatus),
            "gantt": Gantt(bars: bars, now: Date()).svg(),
            "inputs": Display.json(record["inputs"]) ?? "{}",
        ]
        page["outputs"] = Display.json(record["outputs"])
        page["error"] = record["error"]?.stringValue
        page["duration"] = Display.duration(record["duration_seconds"]?.numberValue)
        page["created"] = Display.time(record["created_at"]?.stringValue)
        page["completed"] = Display.time(record["completed_at"]?.stringValue)
        if let commit = record["commit"]?.stringValue { page["commit"] = String(commit.prefix(12)) }
        if let version {
            page["version"] = version
            page["versionHref"] = "/dashboard/versions/\(Display.segment(workflowID))?show=\(version)"
        }
        page["parent"] = record["trigger"]?["details"]?["parent_run_id"]?.stringValue.map { ["id": $0, "href": "/dashboard/runs/\(Display.segment($0))"] }
        let action = "/dashboard/runs/\(Display.segment(id))"
        var buttons: [String: Any] = ["action": action]
        if open, viewer.may(.post, api + "/cancel") { buttons["cancel"] = true }
        if !open || status == "paused", status != "completed", viewer.may(.post, api + "/resume") {
            buttons["resume"] = true
            buttons["resumeSteps"] = nodes.map(\.id)
        }
        if viewer.may(.post, workflowAPI + "/run"), daemon.workflows[workflowID]?.active != nil { buttons["rerun"] = true }
        if !open, viewer.may(.delete, api) { buttons["delete"] = true }
        if buttons.count > 1 { page["buttons"] = buttons }
        let fragment = request.uri.queryParameters.get("fragment") != nil
        return self.page(fragment ? "run-live" : "run", title: "Run \(id)", section: .runs, page, viewer: viewer, request: request)
    }
}

extension Templates {
    static let run = """
        <div id="live"{{#open}} data-live-run="{{id}}"{{/open}}>{{> run-live}}</div>
        """

    static let runLive = """
        <h1>Run <code>{{id}}</code> <span class="status" data-run-status data-status="{{status}}" id="run-status">{{status}}</span></h1>
        <div class="grid"><div><span>Workflow</span><a href="{{workflowHref}}">{{workflow}}</a></div><div><span>Trigger</span>{{trigger}}{{#parent}} from <a href="{{href}}">{{id}}</a>{{/parent}}</div>
        <div><span>Commit · version</span>{{#commit}}<code>{{commit}}</code>{{/commit}}{{#version}} · <a href="{{versionHref}}">version {{version}}</a>{{/version}}</div>
        <div><span>Created</span>{{#created}}<time datetime="{{iso}}">{{text}}</time>{{/created}}</div><div><span>Ended</span>{{#completed}}<time datetime="{{iso}}">{{text}}</time>{{/completed}}{{^completed}}—{{/completed}}</div>
        <div><span>Duration</span>{{duration}}</div></div>
        {{#error}}<p class="flash error">{{error}}</p>{{/error}}
        {{#buttons}}<div class="actions">
        {{#cancel}}<form method="post" action="{{action}}/cancel" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger" id="cancel">Cancel</button></form>{{/cancel}}
        {{#resume}}<form method="post" action="{{action}}/resume" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><select name="from_step" title="Resume from"><option value="">from the last checkpoint</option>{{#resumeSteps}}<option>{{.}}</option>{{/resumeSteps}}</select> <button type="submit" id="resume">Resume</button></form>{{/resume}}
        {{#rerun}}<form method="post" action="{{action}}/rerun" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" id="rerun">Re-run with the same inputs</button></form>{{/rerun}}
        {{#delete}}<form method="post" action="{{action}}/delete" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger" id="delete">Delete</button></form>{{/delete}}
        </div>{{/buttons}}
        <h2>Steps</h2><div class="panel">{{{dag}}}</div>
        {{#gantt}}<h2>Timeline</h2><div class="panel">{{{gantt}}}</div>{{/gantt}}
        <details><summary>Inputs</summary><pre>{{inputs}}</pre></details>
        {{#outputs}}<details open><summary>Outputs</summary><pre id="outputs">{{outputs}}</pre></details>{{/outputs}}
        <table id="step-list"><thead><tr><th>Step</th><th>Status</th><th>Type</th><th>Attempt</th><th>Duration</th></tr></thead><tbody>
        {{#steps}}<tr id="step-{{id}}"><td><code>{{id}}</code></td><td><span class="status" data-step="{{id}}" data-status="{{status}}">{{status}}</span></td><td>{{type}}</td><td>{{attempt}}</td><td>{{stepDuration}}</td></tr>
        {{#hasDetail}}<tr class="detail"><td colspan="5">{{#stepError}}<p class="error-text">{{stepError}}</p>{{/stepError}}{{#stepOutput}}<details><summary>Output</summary><pre>{{stepOutput}}</pre></details>{{/stepOutput}}
        {{#hasLog}}<pre class="log" data-log="{{id}}" data-seq="{{seq}}">{{#log}}<span{{#stderr}} class="stderr"{{/stderr}}>{{text}}
        </span>{{/log}}</pre>{{/hasLog}}</td></tr>{{/hasDetail}}{{/steps}}
        </tbody></table>
        """
}
