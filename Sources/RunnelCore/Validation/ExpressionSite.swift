/// One place in a workflow where an expression is written, with what it may refer to.
struct ExpressionSite {
    /// Where in the workflow the expression sits, for messages (`step 'notify'`, `'outputs'`).
    enum Scope: Equatable {
        case step(String, inLoop: String?, onFailure: Bool)
        case workflowEnv
        case outputs
        case trigger(String)
        case tool(String)
        case metadata

        /// The loop a step's site is in, if any.
        var loopName: String? {
            if case .step(_, let loop, _) = self { return loop }
            return nil
        }

        /// Whether the site is in an `on_failure` step.
        var isOnFailure: Bool {
            if case .step(_, _, let onFailure) = self { return onFailure }
            return false
        }
    }

    /// The parsed expression.
    let expression: Expression
    /// A function giving the file position of an offset inside the expression.
    let locate: (Int) -> SourceLocation
    /// Where it sits.
    let scope: Scope
    /// Contexts it may use.
    let contexts: Set<String>
    /// Whether `success()`, `failure()`, `cancelled()`, `always()` are allowed (step `if`).
    let allowsStatusFunctions: Bool
    /// Whether it is the text of a script (values should go through `env` instead).
    let isScriptText: Bool

    /// Its position in the file (the first character of its source).
    var location: SourceLocation { locate(0) }

    /// A human label of the scope for messages.
    var scopeLabel: String {
        switch scope {
        case .step(let id, _, let onFailure): onFailure ? "on_failure step '\(id)'" : "step '\(id)'"
        case .workflowEnv: "workflow-level 'env'"
        case .outputs: "'outputs'"
        case .trigger(let kind): "an '\(kind)' trigger"
        case .tool(let name): "tool '\(name)'"
        case .metadata: "the workflow's name or description"
        }
    }
}

/// Every expression of a workflow, parsed once; syntax errors are kept for the syntax rule.
struct ExpressionSites {
    private(set) var sites: [ExpressionSite] = []
    private(set) var syntaxErrors: [(message: String, location: SourceLocation)] = []
    private let text: SourceText
    private let isTemplate: Bool


    init(workflow: Workflow, text: SourceText, isTemplate: Bool) {
        self.text = text
        self.isTemplate = isTemplate
        let stepContexts: Set<String> = ["inputs", "steps", "event", "secrets", "env", "run", "workflow"]
        for step in workflow.steps { addStep(step, contexts: stepContexts, inLoop: nil, onFailure: false) }
        for step in workflow.onFailure { addStep(step, contexts: stepContexts, inLoop: nil, onFailure: true) }
        for value in workflow.env {
            addTemplates(in: value.value, scope: .workflowEnv, contexts: ["inputs", "secrets", "run", "workflow", "event"])
        }
        for value in workflow.outputs { addTemplates(in: value.value, scope: .outputs, contexts: stepContexts) }
        for event in workflow.triggers.events {
            if let condition = event.condition {
                addBare(condition, scope: .trigger("event"), contexts: ["event", "workflow", "env"], statusFunctions: false)
            }
        }
        for trigger in workflow.triggers.inputSources {
            guard let inputs = trigger.inputs else { continue }
            // A schedule has no event; the others pass what started them as `event`.
            let contexts: Set<String> = trigger.kind == "schedule" ? ["workflow", "env"] : ["event", "workflow", "env"]
            addTemplates(in: inputs, scope: .trigger(trigger.kind), contexts: contexts)
        }
        if isTemplate {
            // A template's name and description may be filled from its parameters.
            for key in ["name", "description"] {
                if let value = workflow.source[key] { addTemplates(in: value, scope: .metadata, contexts: ["params"]) }
            }
        }
        for tool in workflow.tools {
            for member in tool.config?.members ?? [] {
                addTemplates(in: member.value, scope: .tool(tool.name.value), contexts: ["args", "inputs", "secrets", "env", "run", "workflow"],
                             scriptText: tool.kind == .script && member.key.value == "run")
            }
        }
    }

    private mutating func addStep(_ step: Step, contexts: Set<String>, inLoop: String?, onFailure: Bool) {
        let scope = ExpressionSite.Scope.step(step.id.value, inLoop: inLoop, onFailure: onFailure)
        if let condition = step.condition {
            addBare(condition, scope: scope, contexts: contexts, statusFunctions: true)
        }
        switch step.config {
        case .condition(let config):
            addBare(config.condition, scope: scope, contexts: contexts, statusFunctions: false)
        case .wait(let config):
            if case .until(let until, _, _) = config.mode {
                addBare(until, scope: scope, contexts: contexts.union(["poll"]), statusFunctions: false)
            }
        case .loop(let config):
            addTemplates(in: config.items, scope: scope, contexts: contexts)
            addStep(config.step, contexts: contexts.union(["loop"]), inLoop: step.id.value, onFailure: onFailure)
            return
        default: break
        }
        guard let raw = step.rawConfig else { return }
        let isScript = step.type == .script
        for member in raw.members ?? [] {
            switch (step.type, member.key.value) {
            case (.condition, "condition"), (.wait, "until"), (.loop, _): continue
            default:
                addTemplates(in: member.value, scope: scope, contexts: contexts, scriptText: isScript && member.key.value == "run")
            }
        }
    }

    private func contextsWithParams(_ contexts: Set<String>) -> Set<String> {
        isTemplate ? contexts.union(["params"]) : contexts
    }

    /// An `if`-style value: a bare expression, or `${{ … }}` templates.
    private mutating func addBare(_ value: Located<String>, scope: ExpressionSite.Scope, contexts: Set<String>, statusFunctions: Bool) {
        if Template.containsExpression(value.value) {
            addTemplate(value.value, at: value.location, scope: scope, contexts: contexts, statusFunctions: statusFunctions)
            return
        }
        let source = value.value
        let location = value.location
        let text = self.text
        let locate = { (offset: Int) in text.location(ofOffset: offset, in: source, at: location) }
        do {
            let expression = try Expression(parsing: source)
            sites.append(ExpressionSite(expression: expression, locate: locate, scope: scope,
                                        contexts: contextsWithParams(contexts), allowsStatusFunctions: statusFunctions, isScriptText: false))
        } catch {
            syntaxErrors.append((error.message, locate(error.offset)))
        }
    }

    private mutating func addTemplates(in value: SourceValue, scope: ExpressionSite.Scope, contexts: Set<String>, scriptText: Bool = false) {
        value.forEachString { string, location in
            guard Template.containsExpression(string) else { return }
            addTemplate(string, at: location, scope: scope, contexts: contexts, statusFunctions: false, scriptText: scriptText)
        }
    }

    private mutating func addTemplate(_ string: String, at location: SourceLocation, scope: ExpressionSite.Scope,
                                      contexts: Set<String>, statusFunctions: Bool, scriptText: Bool = false) {
        let text = self.text
        let template: Template
        do {
            template = try Template(parsing: string)
        } catch {
            syntaxErrors.append((error.message, text.location(ofOffset: error.offset, in: string, at: location)))
            return
        }
        for part in template.parts {
            guard case .expression(let expression, let start) = part else { continue }
            let locate = { (offset: Int) in text.location(ofOffset: start + offset, in: string, at: location) }
            sites.append(ExpressionSite(expression: expression, locate: locate, scope: scope,
                                        contexts: contextsWithParams(contexts), allowsStatusFunctions: statusFunctions,
                                        isScriptText: scriptText))
        }
    }
}
