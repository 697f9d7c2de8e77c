/// `cycle`: the steps' dependencies (with branch targets) form no cycle.
enum CycleRule: ValidationRule {
    /// Steps of a cycle's path named in the message; a longer path is shortened in the middle.
    static let maxNamedSteps = 20

    static func check(_ context: inout RuleContext) {
        report(context.graph.cycles(), steps: context.workflow.steps, context: &context)
        report(context.failureGraph.cycles(), steps: context.workflow.onFailure, context: &context)
    }

    private static func report(_ cycles: [[String]], steps: [Step], context: inout RuleContext) {
        guard !cycles.isEmpty else { return }
        var locations: [String: SourceLocation] = [:]
        for step in steps where locations[step.id.value] == nil { locations[step.id.value] = step.id.location }
        for cycle in cycles {
            context.error("Cycle detected: \(describe(cycle))", at: locations[cycle[0]] ?? .start, rule: "cycle")
        }
    }

    /// `a → b → a`; a path of more than ``maxNamedSteps`` steps keeps its first and last
    /// ones: `s0 → … → s9 → … 9981 more … → s9999 → s0 (10000 steps)`.
    static func describe(_ cycle: [String]) -> String {
        guard cycle.count > maxNamedSteps + 1 else { return cycle.joined(separator: " → ") }
        let half = maxNamedSteps / 2
        let head = cycle.prefix(half), tail = cycle.suffix(half)
        let hidden = cycle.count - head.count - tail.count
        return (head + ["… \(hidden) more …"] + tail).joined(separator: " → ") + " (\(cycle.count - 1) steps)"
    }
}
