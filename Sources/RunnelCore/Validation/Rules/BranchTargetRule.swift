/// `branch-target`: `then`/`else` of condition and approval steps name existing steps of
/// the same list, not the step itself, and no step is in both branches.
enum BranchTargetRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for steps in [context.workflow.steps, context.workflow.onFailure] {
            let ids = steps.map(\.id.value)
            let known = Set(ids)
            for step in steps {
                let (thenTargets, elseTargets): ([Located<String>], [Located<String>]) = switch step.config {
                case .condition(let c): (c.then, c.else)
                case .approval(let a): (a.then, a.else)
                default: ([], [])
                }
                let kind = step.type.rawValue
                for target in thenTargets + elseTargets {
                    if target.value == step.id.value {
                        context.error("\(kind) step '\(step.id.value)' lists itself as a branch target", at: target.location, rule: "branch-target")
                    } else if !known.contains(target.value) {
                        var message = "\(kind) step '\(step.id.value)' branches to '\(target.value)' which doesn't exist"
                        if let suggestion = Spelling.closest(to: target.value, in: ids) { message += "; did you mean '\(suggestion)'?" }
                        context.error(message, at: target.location, rule: "branch-target")
                    }
                }
                let thenIDs = Set(thenTargets.map(\.value))
                for target in elseTargets where thenIDs.contains(target.value) {
                    context.error("step '\(target.value)' is in both 'then' and 'else' of '\(step.id.value)'", at: target.location, rule: "branch-target")
                }
            }
        }
    }
}
