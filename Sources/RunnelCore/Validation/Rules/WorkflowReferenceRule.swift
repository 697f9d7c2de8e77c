/// `workflow-reference`: `workflow` steps and `on.workflow` triggers name workflows that
/// exist in the repository (checked only when the caller knows the repository's workflows).
enum WorkflowReferenceRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        guard let known = context.knownWorkflows else { return }
        var references: [(Located<String>, String)] = context.workflow.triggers.workflows.map { ($0.completed, "'on.workflow' waits for") }
        for step in context.allSteps {
            if case .workflow(let config) = step.config { references.append((config.workflow, "step '\(step.id.value)' runs")) }
        }
        for (reference, what) in references where !known.contains(reference.value) {
            var message = "\(what) workflow '\(reference.value)' which doesn't exist"
            if let suggestion = Spelling.closest(to: reference.value, in: known.sorted()) { message += "; did you mean '\(suggestion)'?" }
            context.error(message, at: reference.location, rule: "workflow-reference")
        }
        if let own = references.first(where: { $0.0.value == context.workflow.id && $0.1.hasPrefix("step") }) {
            context.error("workflow '\(context.workflow.id)' runs itself; that recursion never ends", at: own.0.location, rule: "workflow-reference")
        }
    }
}
