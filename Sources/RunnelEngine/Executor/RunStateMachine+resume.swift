import RunnelCore

/// What a resumed run keeps from its record.
extension RunStateMachine {
    /// Every step reachable from `id` through dependencies, `id` included.
    static func downstream(of id: String, in phase: RunPlan.Phase) -> Set<String> {
        var result: Set<String> = [id]
        var changed = true
        while changed {
            changed = false
            for (step, dependencies) in phase.dependencies where !result.contains(step) && dependencies.contains(where: result.contains) {
                result.insert(step)
                changed = true
            }
        }
        return result
    }

    /// The branch each completed branching step of `record` took (from its output).
    static func branchesTaken(in record: RunRecord, plan: RunPlan) -> [String: Bool] {
        var taken: [String: Bool] = [:]
        for run in record.stepRuns where run.status == .completed && plan.main.branches[run.stepID] != nil {
            if let result = run.output?["result"]?.boolValue ?? run.output?["approved"]?.boolValue { taken[run.stepID] = result }
        }
        return taken
    }
}
