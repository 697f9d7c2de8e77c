/// `connection-reference`: a step's (or an http tool's) `connection:` names a toolkit that the
/// workflow's `connections:` binds, and, when the repository's connections are known, every
/// binding names a connection that `runnel.yaml` declares.
enum ConnectionReferenceRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        var bound: [String: SourceLocation] = [:]
        for binding in context.workflow.connections { bound[binding.toolkit.value] = binding.toolkit.location }
        let toolkits = Array(bound.keys)
        for (toolkit, user) in context.workflow.toolkitUses where bound[toolkit.value] == nil {
            var message = "\(user) uses toolkit '\(toolkit.value)', which the workflow's 'connections' does not bind"
            if let suggestion = Spelling.closest(to: toolkit.value, in: toolkits) { message += "; did you mean '\(suggestion)'?" }
            context.error(message, at: toolkit.location, rule: "connection-reference")
        }
        guard let known = context.knownWorkflows?.connections else { return }
        for binding in context.workflow.connections where !known.contains(binding.connection.value) {
            var message = "toolkit '\(binding.toolkit.value)' is bound to connection '\(binding.connection.value)', which runnel.yaml does not declare"
            if let suggestion = Spelling.closest(to: binding.connection.value, in: Array(known)) { message += "; did you mean '\(suggestion)'?" }
            context.error(message, at: binding.connection.location, rule: "connection-reference")
        }
    }
}
