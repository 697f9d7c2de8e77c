/// `duplicate-step-id`: step ids are unique across the workflow (loop bodies and `on_failure` included).
enum DuplicateStepIDRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        var first: [String: SourceLocation] = [:]
        for step in context.allSteps where !step.id.value.isEmpty {
            if let previous = first[step.id.value] {
                context.error("step id '\(step.id.value)' is already used by the step at line \(previous.line)",
                              at: step.id.location, rule: "duplicate-step-id")
            } else {
                first[step.id.value] = step.id.location
            }
        }
    }
}
