/// `trigger-inputs`: the inputs a trigger passes are declared, have the declared type (when
/// literal), and cover every required input without a default, so that the runs the
/// trigger starts are not refused.
enum TriggerInputsRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        let specs = context.workflow.inputs
        for trigger in context.workflow.triggers.inputSources {
            let given = trigger.inputs?.members ?? []
            for member in given {
                guard let spec = specs.first(where: { $0.name.value == member.key.value }) else {
                    context.error("\(trigger.kind) trigger passes input '\(member.key.value)' which is not declared in 'inputs'",
                                  at: member.key.location, rule: "trigger-inputs")
                    continue
                }
                if case .string(let text) = member.value.kind, Template.containsExpression(text) { continue }
                if !spec.type.accepts(member.value.json) {
                    context.error("\(trigger.kind) trigger input '\(member.key.value)' must be \(InputDefaultRule.article(spec.type)), not \(member.value.typeDescription)",
                                  at: member.value.location, rule: "trigger-inputs")
                }
            }
            for spec in specs where spec.required && spec.defaultValue == nil {
                if !given.contains(where: { $0.key.value == spec.name.value }) {
                    context.error("\(trigger.kind) trigger does not pass required input '\(spec.name.value)', so its runs would be refused",
                                  at: trigger.location, rule: "trigger-inputs")
                }
            }
        }
    }
}
