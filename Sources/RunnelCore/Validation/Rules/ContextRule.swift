/// `context`: expressions use only known contexts, and only where they are available
/// (`loop` inside a loop's step, `steps` not in workflow-level `env`, `params` in templates…).
enum ContextRule: ValidationRule {
    static let known = ["inputs", "steps", "event", "secrets", "env", "run", "workflow", "loop", "params", "args", "poll"]

    static func check(_ context: inout RuleContext) {
        for site in context.expressions.sites {
            for reference in site.expression.references where !site.contexts.contains(reference.context) {
                let name = reference.context
                let available = site.contexts.sorted().joined(separator: ", ")
                if known.contains(name) {
                    context.error("context '\(name)' is not available in \(site.scopeLabel)\(hint(name)); available: \(available)",
                                  at: site.locate(reference.offset), rule: "context")
                } else {
                    var message = "unknown context '\(name)'"
                    if let suggestion = Spelling.closest(to: name, in: known) { message += "; did you mean '\(suggestion)'?" }
                    context.error("\(message) (available: \(available))", at: site.locate(reference.offset), rule: "context")
                }
            }
        }
    }

    private static func hint(_ name: String) -> String {
        switch name {
        case "loop": " (only inside a loop's step)"
        case "params": " (only in templates)"
        case "args": " (only in a tool's config)"
        case "poll": " (only in a wait step's 'until')"
        default: ""
        }
    }
}
