extension Workflow {
    /// Names of the secrets the workflow's expressions read (`secrets.NAME`), and the names
    /// in `secret:` fields.
    public var secretNames: Set<String> {
        let sites = ExpressionSites(workflow: self, text: SourceText(""), isTemplate: WorkflowID.isTemplate(path: path))
        var names: Set<String> = []
        for site in sites.sites {
            for reference in site.expression.references where reference.context == "secrets" {
                if let name = reference.path.first { names.insert(name) }
            }
        }
        names.formUnion(triggers.webhooks.compactMap(\.secret?.value))
        for step in steps + onFailure {
            if case .webhook(let webhook) = step.config, let secret = webhook.secret { names.insert(secret.value) }
        }
        return names
    }
}
