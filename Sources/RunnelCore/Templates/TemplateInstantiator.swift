/// Turns a template into a workflow file: parameters checked and filled in, `parameters:`
/// and the `template` tag dropped.
public enum TemplateInstantiator {
    /// Tags that mark a file as a template and are dropped from the installed workflow.
    public static let templateOnlyTags: Set<String> = ["template"]

    /// The YAML of the workflow `template` makes with `parameters`.
    ///
    /// The text is written from the filled-in tree in the template's key order, after a
    /// one-line comment naming the template (the template's own comments are not kept).
    /// It is not validated here: the caller validates it as the workflow file it becomes.
    /// - Throws: ``InstantiationError``: `parameters` when a parameter is unknown, missing,
    ///   of the wrong type or not in its `enum`; `template` when the template has errors.
    public static func instantiate(_ template: WorkflowTemplate, parameters given: [String: JSONValue]) throws(InstantiationError) -> String {
        let errors = template.errors
        guard let workflow = template.workflow, errors.isEmpty, var members = workflow.source.members else {
            let first = errors.first.map { ": \($0.description)" } ?? ""
            throw .template("template '\(template.id)' is not valid\(first)")
        }
        let values = try TemplateParameters.resolve(given, against: workflow.parameters)
        members.removeAll { $0.key.value == "parameters" }
        if let index = members.firstIndex(where: { $0.key.value == "tags" }), let tags = members[index].value.items {
            let kept = tags.filter { !templateOnlyTags.contains($0.string ?? "") }
            if kept.isEmpty {
                members.remove(at: index)
            } else {
                members[index].value = SourceValue(.array(kept), at: members[index].value.location)
            }
        }
        let substitution = ParameterSubstitution(values: values, bareExpressions: bareExpressions(of: workflow))
        let filled = try substitution.apply(SourceValue(.object(members), at: workflow.source.location))
        let yaml = "# Installed from template '\(template.id)'.\n" + filled.yamlText()
        guard WorkflowLoader.load(path: "workflows/\(template.id).yaml", text: yaml).workflow?.definition == filled.json else {
            throw .template("template '\(template.id)' filled in could not be written back as the same YAML")
        }
        return yaml
    }

    /// Where the bare (not `${{ … }}`) expressions of `workflow` start: step `if`s, condition
    /// steps' `condition`, waits' `until`, event triggers' `if`.
    static func bareExpressions(of workflow: Workflow) -> Set<SourceLocation> {
        var locations: Set<SourceLocation> = []
        for step in workflow.allSteps {
            if let condition = step.condition { locations.insert(condition.location) }
            switch step.config {
            case .condition(let config): locations.insert(config.condition.location)
            case .wait(let config):
                if case .until(let until, _, _) = config.mode { locations.insert(until.location) }
            default: break
            }
        }
        for event in workflow.triggers.events {
            if let condition = event.condition { locations.insert(condition.location) }
        }
        return locations
    }
}
