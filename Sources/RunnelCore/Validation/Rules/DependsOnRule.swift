/// `depends-on`: every `depends_on` entry names a step of the same list, not the step itself.
enum DependsOnRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        let main = context.workflow.steps
        let failure = context.workflow.onFailure
        check(main, others: [], context: &context)
        check(failure, others: Set(main.map(\.id.value)), context: &context)
    }

    private static func check(_ steps: [Step], others: Set<String>, context: inout RuleContext) {
        let ids = steps.map(\.id.value)
        let known = Set(ids)
        for step in steps {
            var seen: Set<String> = []
            for dependency in step.dependsOn {
                let name = dependency.value
                if name == step.id.value {
                    context.error("Step '\(name)' depends on itself", at: dependency.location, rule: "depends-on")
                } else if !seen.insert(name).inserted {
                    context.warning("Step '\(step.id.value)' lists '\(name)' in depends_on twice", at: dependency.location, rule: "depends-on")
                } else if others.contains(name) {
                    // An on_failure step runs after the main steps have ended; they need no listing.
                    context.error("on_failure step '\(step.id.value)' depends on '\(name)', a main step; on_failure steps run after all main steps and may only depend on other on_failure steps",
                                  at: dependency.location, rule: "depends-on")
                } else if !known.contains(name) {
                    var message = "Step '\(step.id.value)' depends on '\(name)' which doesn't exist"
                    if let suggestion = Spelling.closest(to: name, in: ids) { message += "; did you mean '\(suggestion)'?" }
                    context.error(message, at: dependency.location, rule: "depends-on")
                }
            }
        }
    }
}
