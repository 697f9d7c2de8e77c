/// `duplicate-trigger-id`: webhook ids and schedule ids are unique within a workflow.
enum TriggerIDRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        report(context.workflow.triggers.webhooks.map(\.id), kind: "webhook", &context)
        report(context.workflow.triggers.schedules.compactMap(\.id), kind: "schedule", &context)
    }

    private static func report(_ ids: [Located<String>], kind: String, _ context: inout RuleContext) {
        var first: [String: SourceLocation] = [:]
        for id in ids {
            if let previous = first[id.value] {
                context.error("\(kind) id '\(id.value)' is already used at line \(previous.line)", at: id.location, rule: "duplicate-trigger-id")
            } else {
                first[id.value] = id.location
            }
        }
    }
}
