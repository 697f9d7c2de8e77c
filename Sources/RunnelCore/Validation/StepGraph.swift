/// The dependency graph of a list of steps: `depends_on` edges plus the implicit edges
/// from a `condition` or `approval` step to its `then`/`else` targets.
struct StepGraph {
    /// Step ids in file order (first occurrence of duplicates).
    let order: [String]
    /// Step id → ids it depends on (existing steps only), in written order.
    let dependencies: [String: [String]]

    init(steps: [Step]) {
        var order: [String] = []
        var dependencies: [String: [String]] = [:]
        let ids = Set(steps.map(\.id.value))
        for step in steps where dependencies[step.id.value] == nil {
            order.append(step.id.value)
            dependencies[step.id.value] = step.dependsOn.map(\.value).filter { ids.contains($0) && $0 != step.id.value }
        }
        for step in steps {
            for target in StepGraph.branchTargets(of: step) where ids.contains(target.value) && target.value != step.id.value {
                if dependencies[target.value]?.contains(step.id.value) == false {
                    dependencies[target.value, default: []].append(step.id.value)
                }
            }
        }
        self.order = order
        self.dependencies = dependencies
    }

    /// The `then` and `else` targets of a branching step.
    static func branchTargets(of step: Step) -> [Located<String>] {
        switch step.config {
        case .condition(let c): c.then + c.else
        case .approval(let a): a.then + a.else
        default: []
        }
    }

    /// Every step that must finish before `id` starts (transitively).
    func ancestors(of id: String) -> Set<String> {
        var seen: Set<String> = []
        var stack = dependencies[id] ?? []
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack.append(contentsOf: dependencies[next] ?? [])
        }
        return seen
    }

    /// Each distinct cycle once, as a path that starts and ends at the same step
    /// (`[a, b, a]`), starting at the cycle's first step in file order.
    func cycles() -> [[String]] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var path: [String] = []
        var found: [[String]] = []
        var seenCycles: Set<Set<String>> = []

        func visit(_ id: String) {
            marks[id] = .visiting
            path.append(id)
            for dependency in dependencies[id] ?? [] {
                switch marks[dependency] {
                case .visiting:
                    guard let start = path.firstIndex(of: dependency) else { continue }
                    var cycle = Array(path[start...])
                    if seenCycles.insert(Set(cycle)).inserted {
                        // Report in execution order (a runs before b): reverse the dependency path.
                        cycle.reverse()
                        let first = order.first { cycle.contains($0) } ?? cycle[0]
                        let pivot = cycle.firstIndex(of: first) ?? 0
                        cycle = Array(cycle[pivot...] + cycle[..<pivot])
                        found.append(cycle + [cycle[0]])
                    }
                case .done: continue
                case nil: visit(dependency)
                }
            }
            path.removeLast()
            marks[id] = .done
        }
        for id in order where marks[id] == nil { visit(id) }
        return found
    }
}
