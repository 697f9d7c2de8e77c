/// `wait-until` (warning): a wait's `until` that doesn't read `poll` sees the same values at
/// every poll (finished steps, inputs), so it is true at once or never. Add a `check`
/// request and test `poll.output`.
enum WaitUntilRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for step in context.allSteps {
            guard case .wait(let wait) = step.config, case .until(let until, _, let request) = wait.mode else { continue }
            let usesPoll = context.expressions.sites.contains { site in
                site.scope == .step(step.id.value, inLoop: site.scope.loopName, onFailure: site.scope.isOnFailure)
                    && site.expression.references.contains { $0.context == "poll" }
            }
            if !usesPoll {
                let hint = request == nil ? "add a 'check' request and test poll.output" : "test poll.output, the check's latest result"
                context.warning("'until' of step '\(step.id.value)' doesn't use 'poll', so it never changes between polls; \(hint)",
                                at: until.location, rule: "wait-until")
            }
        }
    }
}
