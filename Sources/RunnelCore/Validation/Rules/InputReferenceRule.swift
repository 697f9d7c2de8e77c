/// `input-reference`: `inputs.X` names a declared input (and `params.X` a declared template parameter).
enum InputReferenceRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        let inputs = context.workflow.inputs.map(\.name.value)
        let parameters = context.workflow.parameters.map(\.name.value)
        for site in context.expressions.sites {
            for reference in site.expression.references {
                let declared: [String], noun: String, section: String
                switch reference.context {
                case "inputs": (declared, noun, section) = (inputs, "input", "inputs")
                case "params": (declared, noun, section) = (parameters, "parameter", "parameters")
                default: continue
                }
                guard let name = reference.path.first, !declared.contains(name) else { continue }
                var message = "\(noun) '\(name)' is not declared in '\(section)'"
                if let suggestion = Spelling.closest(to: name, in: declared) { message += "; did you mean '\(suggestion)'?" }
                context.error(message, at: site.locate(reference.offset), rule: "input-reference")
            }
        }
    }
}
