/// `cycle`: the steps' dependencies (with branch targets) form no cycle.
enum CycleRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        report(context.graph.cycles(), steps: context.workflow.steps, context: &context)
        report(context.failureGraph.cycles(), steps: context.workflow.onFailure, context: &context)
    }

    private static func report(_ cycles: [[String]], steps: [Step], context: inout RuleContext) {
        for cycle in cycles {
            let location = steps.first { $0.id.value == cycle[0] }?.id.location ?? .start
            context.error("Cycle detected: \(cycle.joined(separator: " → "))", at: location, rule: "cycle")
        }
    }
}
