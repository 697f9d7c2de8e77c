/// `tool-reference`: an agent step's `tools` name tools declared under top-level `tools:`,
/// and tool names are unique.
enum ToolReferenceRule: ValidationRule {
    /// Tools every agent has without declaring them.
    static let builtIn = ["search_knowledge"]

    static func check(_ context: inout RuleContext) {
        var declared: [String: SourceLocation] = [:]
        for tool in context.workflow.tools {
            if let previous = declared[tool.name.value] {
                context.error("tool '\(tool.name.value)' is already declared at line \(previous.line)", at: tool.name.location, rule: "tool-reference")
            } else {
                declared[tool.name.value] = tool.name.location
            }
        }
        let names = Array(declared.keys) + builtIn
        for step in context.allSteps {
            guard case .agentTask(let agent) = step.config else { continue }
            for tool in agent.tools where declared[tool.value] == nil && !builtIn.contains(tool.value) {
                var message = "step '\(step.id.value)' uses tool '\(tool.value)' which is not declared in 'tools'"
                if let suggestion = Spelling.closest(to: tool.value, in: names) { message += "; did you mean '\(suggestion)'?" }
                context.error(message, at: tool.location, rule: "tool-reference")
            }
        }
    }
}
