import RunnelCore

/// What a resumed run keeps from its record.
extension RunStateMachine {
    /// Every step reachable from `id` through dependencies, `id` included.
    /// One walk over reversed edges with an explicit stack: linear in the steps and edges
    /// (a 10,000-step chain is not rescanned once per step).
    static func downstream(of id: String, in phase: RunPlan.Phase) -> Set<String> {
        var dependents: [String: [String]] = [:]
        for (step, dependencies) in phase.dependencies {
            for dependency in dependencies { dependents[dependency, default: []].append(step) }
        }
        var result: Set<String> = [id]
        var stack = [id]
        while let next = stack.popLast() {
            for dependent in dependents[next] ?? [] where result.insert(dependent).inserted { stack.append(dependent) }
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
