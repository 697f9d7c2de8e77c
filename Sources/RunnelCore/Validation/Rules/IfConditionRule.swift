/// `if-condition` (warning): an `if` that mixes `${{ … }}` with other text is a non-empty
/// string, so it is always true (as in GitHub Actions). Write the whole condition inside
/// one `${{ }}`, or without it.
enum IfConditionRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        var conditions = context.allSteps.compactMap(\.condition)
        conditions += context.workflow.triggers.events.compactMap(\.condition)
        for condition in conditions where Template.containsExpression(condition.value) {
            guard let template = try? Template(parsing: condition.value), !template.isSingleExpression else { continue }
            context.warning("'if: \(condition.value)' mixes ${{ }} with other text, so it is a non-empty string and always true; put the whole condition inside one ${{ }}",
                            at: condition.location, rule: "if-condition")
        }
    }
}
