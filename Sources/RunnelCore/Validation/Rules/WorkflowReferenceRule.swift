/// `workflow-reference`: `workflow` steps, `workflow` tools and `on.workflow` triggers name
/// workflows that exist in the repository; a step or tool passes only inputs the child
/// declares and every input it requires; no workflow runs or chains after itself, and
/// (a warning) no two workflows chain after each other.
/// Checked only when the caller knows the repository's workflows.
enum WorkflowReferenceRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        let own = context.workflow.id
        for trigger in context.workflow.triggers.workflows where trigger.completed.value == own {
            context.error("workflow '\(own)' starts when it completes itself; that chain never ends",
                          at: trigger.completed.location, rule: "workflow-reference")
        }
        guard let catalog = context.knownWorkflows else { return }
        for trigger in context.workflow.triggers.workflows where trigger.completed.value != own {
            let other = trigger.completed.value
            guard checkExists(trigger.completed, "'on.workflow' waits for", catalog, &context) else { continue }
            if catalog.startedAfter[other]?.contains(own) == true {
                context.warning("workflows '\(own)' and '\(other)' start each other when they finish; unless an 'if' or a status list stops it, that chain never ends",
                                at: trigger.completed.location, rule: "workflow-reference")
            }
        }
        var calls: [(target: Located<String>, inputs: SourceValue?, what: String)] = []
        for step in context.allSteps {
            if case .workflow(let config) = step.config { calls.append((config.workflow, config.inputs, "step '\(step.id.value)'")) }
        }
        for tool in context.workflow.tools {
            if case .workflow(let config) = tool.action { calls.append((config.workflow, config.inputs, "tool '\(tool.name.value)'")) }
        }
        for call in calls {
            if call.target.value == own {
                context.error("\(call.what) runs workflow '\(own)', itself; that recursion never ends",
                              at: call.target.location, rule: "workflow-reference")
                continue
            }
            guard checkExists(call.target, "\(call.what) runs", catalog, &context), let declared = catalog.inputs[call.target.value] else {
                continue
            }
            checkInputs(call.inputs, declared: declared, call: call.what, child: call.target, isTool: call.what.hasPrefix("tool"), &context)
        }
    }

    @discardableResult
    private static func checkExists(_ target: Located<String>, _ what: String, _ catalog: WorkflowCatalog, _ context: inout RuleContext) -> Bool {
        guard catalog.inputs[target.value] == nil else { return true }
        var message = "\(what) workflow '\(target.value)' which doesn't exist"
        if let suggestion = Spelling.closestAlphabetically(to: target.value, in: catalog.inputs.keys) { message += "; did you mean '\(suggestion)'?" }
        context.error(message, at: target.location, rule: "workflow-reference")
        return false
    }

    private static func checkInputs(_ inputs: SourceValue?, declared: [InputSpec], call: String, child: Located<String>,
                                    isTool: Bool, _ context: inout RuleContext) {
        let given = inputs?.members ?? []
        for member in given where !declared.contains(where: { $0.name.value == member.key.value }) {
            var message = "\(call) passes input '\(member.key.value)' which workflow '\(child.value)' doesn't declare"
            if let suggestion = Spelling.closest(to: member.key.value, in: declared.map(\.name.value)) { message += "; did you mean '\(suggestion)'?" }
            context.error(message, at: member.key.location, rule: "workflow-reference")
        }
        // A workflow tool without `inputs` passes the model's arguments as the inputs.
        if isTool && inputs == nil { return }
        for spec in declared where spec.required && spec.defaultValue == nil && !given.contains(where: { $0.key.value == spec.name.value }) {
            context.error("\(call) doesn't pass input '\(spec.name.value)', which workflow '\(child.value)' requires",
                          at: child.location, rule: "workflow-reference")
        }
    }
}
