/// `secret`: secrets are referenced by name only: `${{ secrets.NAME }}` (never the whole
/// `secrets` object or a computed name), and `secret:` fields hold a secret's name, not a value.
enum SecretRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for site in context.expressions.sites {
            for reference in site.expression.references where reference.context == "secrets" && reference.path.isEmpty {
                context.error("secrets must be referenced by name, as secrets.NAME; a whole or computed 'secrets' would expose every secret",
                              at: site.locate(reference.offset), rule: "secret")
            }
        }
        var names: [Located<String>] = context.workflow.triggers.webhooks.compactMap(\.secret)
        for step in context.allSteps {
            if case .webhook(let webhook) = step.config, let secret = webhook.secret { names.append(secret) }
        }
        for name in names where !isSecretName(name.value) {
            context.error("'secret' must be the name of a secret (letters, digits and '_', like GH_HOOK), not a value; store the value in the secret store",
                          at: name.location, rule: "secret")
        }
        for step in context.allSteps {
            guard case .httpRequest(let request) = step.config else { continue }
            for header in request.headers where credentialHeaders.contains(header.name.value.lowercased()) {
                if case .string(let value) = header.value.kind, !value.isEmpty, !Template.containsExpression(value) {
                    context.warning("header '\(header.name.value)' holds a literal credential; use ${{ secrets.NAME }}",
                                    at: header.value.location, rule: "secret")
                }
            }
        }
    }

    static let credentialHeaders: Set<String> = ["authorization", "x-api-key", "api-key", "x-auth-token", "proxy-authorization"]

    /// `[A-Za-z_][A-Za-z0-9_]*`, at most 128 characters.
    static func isSecretName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 128,
            first == "_" || ("A"..."Z").contains(first) || ("a"..."z").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
