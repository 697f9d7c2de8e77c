extension Templates {
    static let workflow = """
        <h1>{{name}} <span class="status" data-status="{{state}}">{{state}}</span></h1>
        <div class="grid"><div><span>Id</span><code>{{id}}</code></div><div><span>File</span><code>{{path}}</code></div>
        <div><span>Active commit</span>{{#commit}}<code>{{commit}}</code>{{/commit}}{{^commit}}<span class="muted">none</span>{{/commit}}</div>
        <div><span>Tags</span>{{#tags}}<span class="tag">{{.}}</span>{{/tags}}</div><div><span>History</span><a href="{{versionsHref}}" id="versions-link">Versions</a></div></div>
        {{#description}}<p>{{description}}</p>{{/description}}
        {{#errorCount}}<p class="flash error" id="error-count">{{errorCount}} error(s): this file is not active (its last valid version, if any, stays in force).</p>{{/errorCount}}
        {{#runForm}}<h2>Run</h2><form method="post" action="{{action}}" id="run-form" class="panel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#fields}}<p><label><span>{{label}}{{#required}} <span class="required" title="required">*</span>{{/required}} <span class="muted">{{type}}{{#description}} — {{description}}{{/description}}</span></span>
        {{#isText}}<input name="{{name}}" value="{{value}}"{{#required}} required{{/required}}>{{/isText}}
        {{#hasChoices}}<select name="{{name}}">{{#choices}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/choices}}</select>{{/hasChoices}}
        {{#isNumber}}<input name="{{name}}" value="{{value}}" inputmode="decimal"{{#required}} required{{/required}}>{{/isNumber}}
        {{#isBoolean}}<select name="{{name}}">{{#options}}<option value="{{value}}">{{label}}</option>{{/options}}</select>{{/isBoolean}}
        {{#isJSON}}<textarea name="{{name}}" rows="3" cols="50">{{value}}</textarea>{{/isJSON}}
        </label></p>{{/fields}}
        <p><button type="submit" class="primary" id="run-button">Run</button></p></form>{{/runForm}}
        {{#dag}}<h2>Steps</h2><div class="panel">{{{dag}}}</div>
        <table id="steps"><thead><tr><th>Step</th><th>Type</th><th>Depends on</th></tr></thead><tbody>
        {{#steps}}<tr id="step-{{id}}"><td><code>{{id}}</code></td><td>{{type}} {{#badge}}<span class="tag">{{badge}}</span>{{/badge}}</td><td>{{depends}}</td></tr>{{/steps}}
        </tbody></table>{{/dag}}
        <h2>Triggers</h2>
        {{^empty(schedules)}}<table id="schedules"><thead><tr><th>Schedule</th><th>Cron</th><th>Time zone</th><th>Catch-up</th><th>Next fires</th></tr></thead><tbody>
        {{#schedules}}<tr><td>{{id}}</td><td><code>{{cron}}</code></td><td>{{timezone}}</td><td>{{catchup}}</td><td>{{#next}}<time datetime="{{iso}}">{{text}}</time><br>{{/next}}</td></tr>{{/schedules}}
        </tbody></table>{{/empty(schedules)}}
        <p>{{#otherTriggers}}Also started by: {{otherTriggers}}. {{/otherTriggers}}Always by hand (the Run form, the API, <code>runnel run</code>).</p>
        {{^empty(skipped)}}<h3>Recently skipped slots</h3><ul>{{#skipped}}<li><a href="{{href}}">{{#created}}<time datetime="{{iso}}">{{text}}</time>{{/created}}</a> {{reason}}</li>{{/skipped}}</ul>{{/empty(skipped)}}
        <h2>Runs</h2>
        {{^empty(runs)}}<table id="workflow-runs"><thead><tr><th>Run</th><th>Status</th><th>Trigger</th><th>Created</th></tr></thead><tbody>
        {{#runs}}<tr><td><a href="{{href}}"><code>{{id}}</code></a></td><td><span class="status" data-status="{{status}}">{{status}}</span></td><td>{{trigger}}</td><td>{{#created}}<time datetime="{{iso}}">{{text}}</time>{{/created}}</td></tr>{{/runs}}
        </tbody></table>{{/empty(runs)}}{{#empty(runs)}}<p class="muted">No runs yet.</p>{{/empty(runs)}}
        <h2>Source</h2>
        <div class="source" id="source">{{#source}}<div class="ln" id="L{{n}}"><a href="#L{{n}}">{{n}}</a><code>{{text}}</code></div>{{#diagnostics}}<div class="diag" data-line="{{n}}"><span></span><code>{{caret}}
        {{description}}</code></div>{{/diagnostics}}{{/source}}</div>
        """
}
