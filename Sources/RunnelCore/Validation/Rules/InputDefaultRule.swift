/// `input-default`: an input's default and `enum` values have the input's type, and the
/// default is one of the `enum` values.
enum InputDefaultRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for spec in context.workflow.inputs + context.workflow.parameters {
            let name = spec.name.value
            if let allowed = spec.allowedValues {
                for value in allowed where !spec.type.accepts(value) {
                    context.error("enum value \(value.serialized()) of input '\(name)' is not \(article(spec.type))",
                                  at: spec.location, rule: "input-default")
                }
            }
            guard let defaultValue = spec.defaultValue else { continue }
            if !spec.type.accepts(defaultValue.value) {
                context.error("default \(defaultValue.value.serialized()) of input '\(name)' is not \(article(spec.type))",
                              at: defaultValue.location, rule: "input-default")
            } else if let allowed = spec.allowedValues, !allowed.contains(defaultValue.value) {
                context.error("default \(defaultValue.value.serialized()) of input '\(name)' is not one of its enum values",
                              at: defaultValue.location, rule: "input-default")
            }
            if spec.required {
                context.warning("input '\(name)' is required and has a default; the default is never used",
                                at: defaultValue.location, rule: "input-default")
            }
        }
    }

    static func article(_ type: InputType) -> String {
        type == .integer || type == .object || type == .array ? "an \(type.rawValue)" : "a \(type.rawValue)"
    }
}
