import Foundation
import Hummingbird
import RunnelCore

extension Dashboard {
    func addVersionPages(to router: Router<BasicRequestContext>) {
        router.get("/dashboard/versions/**") { request, context in
            await signedInPage(request) { viewer in
                let id = Self.catchAllID(context)
                let api = "/api/workflows/\(Display.segment(id))"
                let answer = await call(.get, api + "/versions", as: viewer, context: context)
                guard let list = answer.value else { return problem(answer.failure ?? "", status: answer.status, viewer: viewer, request: request) }
                let query = request.uri.queryParameters
                let mayRollBack = viewer.may(.post, api + "/rollback")
                let versions = (list["versions"]?.arrayValue ?? []).enumerated().map { index, v -> [String: Any] in
                    let number = Display.int(v["number"])
                    var row: [String: Any] = [
                        "number": number, "commit": String((v["commit"]?.stringValue ?? "").prefix(12)), "author": v["author"]?.stringValue ?? "",
                        "subject": v["subject"]?.stringValue ?? "", "deleted": v["deleted"]?.boolValue == true,
                        "showHref": "/dashboard/versions/\(Display.segment(id))?show=\(number)",
                        "rollback": mayRollBack && index > 0 && v["deleted"]?.boolValue != true,
                        "v1": query.get("v1") == String(number), "v2": query.get("v2") == String(number),
                    ]
                    row["date"] = Display.time(v["date"]?.stringValue)
                    return row
                }
                var page: [String: Any] = ["id": id, "workflowHref": "/dashboard/workflows/\(Display.segment(id))", "versions": versions,
                                           "rollbackAction": "/dashboard/rollback/\(Display.segment(id))"]
                if let show = query.get("show") {
                    let version = await call(.get, api + "/versions/\(Display.segment(show))", as: viewer, context: context)
                    if let text = version.value?["yaml"]?.stringValue {
                        page["shown"] = ["number": show, "lines": text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                            ["n": $0.offset + 1, "text": String($0.element)] as [String: Any]
                        }] as [String: Any]
                    } else {
                        page["diffError"] = version.failure
                    }
                }
                if let v1 = query.get("v1"), let v2 = query.get("v2") {
                    let diff = await call(.get, api + "/diff" + Display.query([("v1", v1), ("v2", v2)]), as: viewer, context: context)
                    if let value = diff.value {
                        page["diff"] = [
                            "v1": v1, "v2": v2, "summary": value["summary"]?.stringValue ?? "",
                            "patch": (value["patch"]?.arrayValue ?? []).map { op -> [String: Any] in
                                ["op": op["op"]?.stringValue ?? "", "path": op["path"]?.stringValue ?? "",
                                 "value": op["value"].map { $0.serialized() } ?? ""]
                            },
                            "lines": (value["text"]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { line -> [String: Any] in
                                let kind = line.hasPrefix("@@") ? "hunk" : line.hasPrefix("+") ? "add" : line.hasPrefix("-") ? "del" : "same"
                                return ["text": String(line), "kind": kind]
                            },
                        ] as [String: Any]
                    } else {
                        page["diffError"] = diff.failure
                    }
                }
                return self.page("versions", title: "Versions of \(id)", section: .workflows, page, viewer: viewer, request: request)
            }
        }
    }
}

extension Templates {
    static let versions = """
        <h1>Versions of <a href="{{workflowHref}}">{{id}}</a></h1>
        <form method="get" class="filters" id="diff-form"><table id="versions"><thead><tr><th>#</th><th>Old</th><th>New</th><th>Commit</th><th>Author</th><th>Date</th><th>Subject</th><th></th></tr></thead><tbody>
        {{#versions}}<tr data-version="{{number}}"><td><a href="{{showHref}}">{{number}}</a></td>
        <td><input type="radio" name="v1" value="{{number}}"{{#v1}} checked{{/v1}}></td><td><input type="radio" name="v2" value="{{number}}"{{#v2}} checked{{/v2}}></td>
        <td><code>{{commit}}</code></td><td>{{author}}</td><td>{{#date}}<time datetime="{{iso}}">{{text}}</time>{{/date}}</td><td>{{subject}}{{#deleted}} <span class="tag">deleted</span>{{/deleted}}</td>
        <td>{{#rollback}}<button type="submit" form="rollback-{{number}}" id="rollback-{{number}}-button">Roll back to this version</button>{{/rollback}}</td></tr>{{/versions}}
        </tbody></table><p><button type="submit" id="diff-button">Compare</button></p></form>
        {{#versions}}{{#rollback}}<form method="post" action="{{rollbackAction}}" id="rollback-{{number}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{number}}"></form>{{/rollback}}{{/versions}}
        {{#diffError}}<p class="flash error">{{diffError}}</p>{{/diffError}}
        {{#diff}}<h2>Version {{v1}} → {{v2}}</h2><p id="diff-summary">{{summary}}</p>
        <h3>Changes (JSON Patch)</h3><table id="patch"><tbody>{{#patch}}<tr><td>{{op}}</td><td><code>{{path}}</code></td><td><code>{{value}}</code></td></tr>{{/patch}}</tbody></table>
        <h3>Text</h3><pre class="panel diff" id="text-diff">{{#lines}}<span class="{{kind}}">{{text}}</span>
        {{/lines}}</pre>{{/diff}}
        {{#shown}}<h2>Version {{number}}</h2><div class="source">{{#lines}}<div class="ln" id="L{{n}}"><a href="#L{{n}}">{{n}}</a><code>{{text}}</code></div>{{/lines}}</div>{{/shown}}
        """
}
