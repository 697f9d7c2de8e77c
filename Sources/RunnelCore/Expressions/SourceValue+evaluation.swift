extension SourceValue {
    /// The value with every string evaluated as a template (`${{ … }}` replaced), keys kept.
    ///
    /// A string that is exactly one expression takes the expression's value and type.
    /// - Throws: ``ExpressionError`` naming the failing expression and why.
    public func evaluated(in context: EvaluationContext) throws(ExpressionError) -> JSONValue {
        switch kind {
        case .string(let text):
            guard Template.containsExpression(text) else { return .string(text) }
            let template: Template
            do {
                template = try Template(parsing: text)
            } catch {
                throw ExpressionError(message: error.message, offset: error.offset)
            }
            return try template.evaluate(in: context)
        case .array(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try item.evaluated(in: context)) }
            return .array(result)
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for member in members { result[member.key.value] = try member.value.evaluated(in: context) }
            return .object(result)
        default:
            return json
        }
    }
}
