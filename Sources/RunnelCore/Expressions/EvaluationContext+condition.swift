extension EvaluationContext {
    /// Evaluates a condition (`if`, `condition`, `until`) written with or without `${{ }}`.
    /// - Throws: the template's or expression's error, which names the problem.
    public func evaluate(condition text: String) throws -> JSONValue {
        Template.containsExpression(text)
            ? try Template(parsing: text).evaluate(in: self)
            : try Expression(parsing: text).evaluate(in: self)
    }
}
