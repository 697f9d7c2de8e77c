import Foundation
import Hummingbird
import RunnelCore

/// The buttons: each a posted form turned into the API call it stands for, as the signed-in
/// key; what the API answers (done, or why not) is the next page's message.
extension Dashboard {
    func addActionRoutes(to router: Router<BasicRequestContext>) {
        router.post("/dashboard/run/**") { request, context in
            await action(request) { viewer, form in
                let id = Self.catchAllID(context)
                let back = "/dashboard/workflows/\(Display.segment(id))"
                let specs = daemon.workflows[id]?.active?.workflow.inputs ?? []
                let answer = await call(.post, "/api/workflows/\(Display.segment(id))/run",
                                        body: ["input_data": RunForm.inputs(form, specs: specs)], as: viewer, context: context)
                guard let run = answer.value?["run_id"]?.stringValue else { return done(back, viewer, request, answer, success: "") }
                return done("/dashboard/runs/\(Display.segment(run))", viewer, request, answer, success: "Run \(run) started.")
            }
        }
        router.post("/dashboard/runs/{id}/{verb}") { request, context in
            await action(request) { viewer, form in
                let id = context.parameters.get("id") ?? ""
                let api = "/api/runs/\(Display.segment(id))"
                let page = "/dashboard/runs/\(Display.segment(id))"
                switch context.parameters.get("verb") {
                case "cancel":
                    return done(page, viewer, request, await call(.post, api + "/cancel", as: viewer, context: context), success: "Cancelling the run.")
                case "resume":
                    let from = form["from_step"].flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null
                    return done(page, viewer, request, await call(.post, api + "/resume", body: ["from_step": from], as: viewer, context: context),
                                success: "Resuming the run.")
                case "rerun":
                    let record = await call(.get, api, as: viewer, context: context)
                    guard let value = record.value, let workflow = value["workflow_id"]?.stringValue else {
                        return done(page, viewer, request, record, success: "")
                    }
                    let answer = await call(.post, "/api/workflows/\(Display.segment(workflow))/run",
                                            body: ["input_data": value["inputs"] ?? .object([:])], as: viewer, context: context)
                    guard let run = answer.value?["run_id"]?.stringValue else { return done(page, viewer, request, answer, success: "") }
                    return done("/dashboard/runs/\(Display.segment(run))", viewer, request, answer, success: "Run \(run) started with the same inputs.")
                case "delete":
                    let answer = await call(.delete, api, as: viewer, context: context)
                    return done(answer.failure == nil ? "/dashboard/runs" : page, viewer, request, answer, success: "Run \(id) deleted.")
                default:
                    return problem("no such action", status: .notFound, viewer: viewer, request: request)
                }
            }
        }
        router.post("/dashboard/runs/cancel") { request, context in
            await action(request) { viewer, form in
                let ids = form.all("run")
                var failures: [String] = []
                for id in ids {
                    let answer = await call(.post, "/api/runs/\(Display.segment(id))/cancel", as: viewer, context: context)
                    if let failure = answer.failure { failures.append(failure) }
                }
                let text = failures.isEmpty ? "Cancelling \(ids.count) run(s)." : "\(ids.count - failures.count) of \(ids.count) cancelled; " + failures.joined(separator: "; ")
                sessions.flash(viewer.session.id, Flash(text: text, isError: !failures.isEmpty))
                return redirect("/dashboard/runs", viewer, request)
            }
        }
        router.post("/dashboard/approvals/decide") { request, context in
            await action(request) { viewer, form in
                let run = form["run"] ?? "", step = form["step"] ?? ""
                var body: [String: JSONValue] = ["action": .string(form["action"] ?? "")]
                if let note = form["note"], !note.isEmpty { body["note"] = .string(note) }
                if let input = form["input"], !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    // Input that doesn't read as JSON goes as text: the API checks it against the schema.
                    body["input"] = (try? JSONParser.parse(input)) ?? .string(input)
                }
                let answer = await call(.post, "/api/runs/\(Display.segment(run))/approvals/\(Display.segment(step))",
                                        body: .object(body), as: viewer, context: context)
                let state = answer.value?["status"]?.stringValue ?? ""
                return done(answer.failure == nil ? "/dashboard/runs/\(Display.segment(run))" : "/dashboard/approvals", viewer, request, answer,
                            success: "Step \(step) of run \(run): \(state).")
            }
        }
        router.post("/dashboard/rollback/**") { request, context in
            await action(request) { viewer, form in
                let id = Self.catchAllID(context)
                let number = Int(form["version"] ?? "") ?? 0
                let answer = await call(.post, "/api/workflows/\(Display.segment(id))/rollback", body: ["version": .number(Double(number))],
                                        as: viewer, context: context)
                let commit = answer.value?["commit"]?.stringValue.map { String($0.prefix(12)) } ?? ""
                return done("/dashboard/versions/\(Display.segment(id))", viewer, request, answer,
                            success: "Rolled back to version \(number): commit \(commit).")
            }
        }
    }
}
