/// `expression`: every `${{ … }}` (and every `if`) parses; the column points inside the expression.
enum ExpressionSyntaxRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for error in context.expressions.syntaxErrors {
            context.error("invalid expression: \(error.message)", at: error.location, rule: "expression")
        }
    }
}
