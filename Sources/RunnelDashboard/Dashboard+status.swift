import Foundation
import Hummingbird
import RunnelAPI
import RunnelCore
import RunnelDaemon

extension Dashboard {
    func addStatusPage(to router: Router<BasicRequestContext>) {
        router.get("/dashboard/status") { request, context in
            await signedInPage(request) { viewer in
                // The same sources as /readyz and /metrics: the daemon's last snapshot and its counts.
                let snapshot = daemon.snapshot
                let metrics = await MetricsSnapshot(daemon: daemon)
                let running = await call(.get, "/api/runs?status=running&limit=50", as: viewer, context: context)
                let invalid = snapshot.workflows.values.filter { !$0.errors.isEmpty }.sorted { $0.id < $1.id }.map { entry -> [String: Any] in
                    ["id": entry.id, "href": "/dashboard/workflows/\(Display.segment(entry.id))", "errors": entry.errors.map(\.description)]
                }
                var page: [String: Any] = [
                    "branch": daemon.branch, "mirror": daemon.isMirror, "queued": metrics.queued, "runningCount": metrics.running,
                    "settingsProblems": snapshot.settingsProblems, "runtimeProblems": snapshot.runtimeProblems, "invalid": invalid,
                    "running": (running.value?["runs"]?.arrayValue ?? []).map(Display.run),
                    "workflowCount": snapshot.workflows.count, "schedules": metrics.schedules,
                ]
                page["commit"] = snapshot.activeCommit
                page["reconciling"] = snapshot.reconciling
                if let bad = snapshot.invalidCommit { page["invalidCommit"] = "\(bad)" }
                return self.page("status", title: "Status", section: .status, page, viewer: viewer, request: request)
            }
        }
    }
}

extension Templates {
    static let status = """
        <h1>Status</h1>
        <div class="grid"><div><span>Branch</span><code>{{branch}}</code>{{#mirror}} (mirror){{/mirror}}</div>
        <div><span>Active commit</span>{{#commit}}<code id="active-commit">{{commit}}</code>{{/commit}}{{^commit}}none{{/commit}}</div>
        <div><span>Reconciling</span>{{#reconciling}}<code>{{reconciling}}</code>{{/reconciling}}{{^reconciling}}idle{{/reconciling}}</div>
        <div><span>Workflows · schedules</span>{{workflowCount}} · {{schedules}}</div>
        <div><span>Running · queued</span>{{runningCount}} · {{queued}}</div></div>
        {{#invalidCommit}}<p class="flash error">{{invalidCommit}}</p>{{/invalidCommit}}
        <h2>Settings (runnel.yaml)</h2>{{#empty(settingsProblems)}}<p class="muted">No problems.</p>{{/empty(settingsProblems)}}
        {{^empty(settingsProblems)}}<p>These problems keep the last valid settings in force:</p><pre class="panel error-text">{{#settingsProblems}}{{.}}
        {{/settingsProblems}}</pre>{{/empty(settingsProblems)}}
        {{^empty(runtimeProblems)}}<h2>Problems</h2><pre class="panel error-text">{{#runtimeProblems}}{{.}}
        {{/runtimeProblems}}</pre>{{/empty(runtimeProblems)}}
        <h2>Invalid workflows</h2>{{#empty(invalid)}}<p class="muted">None.</p>{{/empty(invalid)}}
        {{#invalid}}<h3><a href="{{href}}">{{id}}</a></h3><pre class="panel error-text">{{#errors}}{{.}}
        {{/errors}}</pre>{{/invalid}}
        <h2>Running runs</h2>{{#empty(running)}}<p class="muted">None.</p>{{/empty(running)}}
        <ul>{{#running}}<li><a href="{{href}}"><code>{{id}}</code></a> {{workflow}} {{#created}}<time datetime="{{iso}}">{{text}}</time>{{/created}}</li>{{/running}}</ul>
        """
}
