/// `script-injection` (warning): a script's `run` text contains `${{ … }}`. Runnel never
/// splices values into code, so it stays literal text; pass the value through `env` instead.
enum ScriptInjectionRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for site in context.expressions.sites where site.isScriptText {
            let source = site.expression.source.trimmingSpaces
            context.warning("'${{ \(source) }}' in a script's 'run' is not evaluated (values are never spliced into code); pass it through 'env' (VALUE: ${{ \(source) }}) and read $VALUE",
                            at: site.location, rule: "script-injection")
        }
    }
}
