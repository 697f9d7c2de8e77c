/// `step-reference`: `steps.X` names a step that has finished when the expression is
/// evaluated: an upstream step (through `depends_on` or a branch), never the step itself or
/// a step inside a loop's body.
enum StepReferenceRule: ValidationRule {
    static let properties = ["output", "status", "error", "attempt"]

    static func check(_ context: inout RuleContext) {
        let mainIDs = Set(context.workflow.steps.map(\.id.value))
        let failureIDs = Set(context.workflow.onFailure.map(\.id.value))
        let allIDs = mainIDs.union(failureIDs)
        var loopBodies: [String: String] = [:]
        for step in context.workflow.steps + context.workflow.onFailure {
            if case .loop(let loop) = step.config { loopBodies[loop.step.id.value] = step.id.value }
        }
        // Built on the first reference that needs it: a file without `steps.X` pays nothing.
        var main: StepReachability?
        var failure: StepReachability?

        for site in context.expressions.sites {
            for reference in site.expression.references where reference.context == "steps" {
                guard let target = reference.path.first else { continue }
                var location: SourceLocation { site.locate(reference.offset) }
                if reference.path.count > 1, !properties.contains(reference.path[1]) {
                    var message = "'steps.\(target).\(reference.path[1])' is not a step property; use one of: \(properties.joined(separator: ", "))"
                    if let suggestion = Spelling.closest(to: reference.path[1], in: properties) { message += " (did you mean '\(suggestion)'?)" }
                    context.error(message, at: location, rule: "step-reference")
                }
                if let loop = loopBodies[target], site.scope != .step(target, inLoop: loop, onFailure: false) {
                    context.error("'steps.\(target)' is the body of loop '\(loop)'; use 'steps.\(loop).output' (a list with one result per item)",
                                  at: location, rule: "step-reference")
                    continue
                }
                let exists = mainIDs.contains(target) || failureIDs.contains(target)
                guard exists else {
                    var message = "'steps.\(target)' refers to a step that doesn't exist"
                    if let suggestion = Spelling.closestAlphabetically(to: target, in: allIDs) { message += "; did you mean '\(suggestion)'?" }
                    context.error(message, at: location, rule: "step-reference")
                    continue
                }
                switch site.scope {
                case .step(let id, let inLoop, let onFailure):
                    let owner = inLoop ?? id
                    if target == owner {
                        context.error("step '\(owner)' refers to its own result 'steps.\(target)'", at: location, rule: "step-reference")
                        continue
                    }
                    if onFailure {
                        if mainIDs.contains(target) { continue }
                        let reachability = failure ?? StepReachability(context.failureGraph)
                        failure = reachability
                        if reachability.isUpstream(target, of: owner) == false {
                            context.error("on_failure step '\(owner)' uses 'steps.\(target)' but '\(target)' is not upstream of it; add it to depends_on",
                                          at: location, rule: "step-reference")
                        }
                        continue
                    }
                    if failureIDs.contains(target) {
                        context.error("step '\(owner)' uses 'steps.\(target)', an on_failure step, which only runs after the main steps",
                                      at: location, rule: "step-reference")
                        continue
                    }
                    let reachability = main ?? StepReachability(context.graph)
                    main = reachability
                    // A step on a cycle has no "upstream"; the cycle rule reports it.
                    if reachability.isUpstream(target, of: owner) == false {
                        context.error("Step '\(owner)' uses 'steps.\(target)' but '\(target)' is not upstream of it; add '\(target)' to its depends_on",
                                      at: location, rule: "step-reference")
                    }
                case .outputs:
                    if failureIDs.contains(target) {
                        context.error("'outputs' uses 'steps.\(target)', an on_failure step; outputs are computed from the main steps",
                                      at: location, rule: "step-reference")
                    }
                default:
                    break
                }
            }
        }
    }
}
