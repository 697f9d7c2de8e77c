/// `function`: calls name known functions with the right number of arguments; status
/// functions (`success()`, `failure()`, `always()`, `cancelled()`) only in a step's `if`.
enum FunctionRule: ValidationRule {
    static let statusFunctions: Set<String> = ["success", "failure", "always", "cancelled"]
    /// The functions as the docs spell them, for suggestions.
    static let spellings = ["contains", "startsWith", "endsWith", "format", "join", "toJSON", "fromJSON",
                            "success", "failure", "always", "cancelled"]

    static func check(_ context: inout RuleContext) {
        let names = spellings.filter { Expression.functions[$0.lowercased()] != nil }
        for site in context.expressions.sites {
            for call in site.expression.functionCalls {
                let name = call.name.lowercased()
                var location: SourceLocation { site.locate(call.offset) }
                guard let arity = Expression.functions[name] else {
                    var message = "unknown function '\(call.name)'"
                    if let suggestion = Spelling.closest(to: name, in: names) { message += "; did you mean '\(suggestion)'?" }
                    context.error(message, at: location, rule: "function")
                    continue
                }
                if !arity.contains(call.argumentCount) {
                    let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)"
                        : arity.upperBound >= 100 ? "at least \(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
                    let noun = expected.hasSuffix(" 1") || expected == "1" ? "argument" : "arguments"
                    context.error("function '\(call.name)' takes \(expected) \(noun), got \(call.argumentCount)", at: location, rule: "function")
                }
                if statusFunctions.contains(name), !site.allowsStatusFunctions {
                    context.error("status function '\(call.name)()' can only be used in a step's 'if'", at: location, rule: "function")
                }
            }
        }
    }
}
