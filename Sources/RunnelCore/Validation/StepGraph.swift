/// The dependency graph of a list of steps: `depends_on` edges plus the implicit edges
/// from a `condition` or `approval` step to its `then`/`else` targets.
///
/// Every walk is iterative (an explicit stack), so a graph's depth never decides the
/// stack's: a 10,000-step chain or cycle is walked like a 10-step one.
struct StepGraph {
    /// The most distinct cycles ``cycles()`` reports; the search stops there.
    static let maxReportedCycles = 20

    /// Step ids in file order (first occurrence of duplicates).
    let order: [String]
    /// Step id → ids it depends on (existing steps only), in written order.
    let dependencies: [String: [String]]
    /// Step id → its position in ``order``.
    let position: [String: Int]

    init(steps: [Step]) {
        var order: [String] = []
        var dependencies: [String: [String]] = [:]
        let ids = Set(steps.map(\.id.value))
        for step in steps where dependencies[step.id.value] == nil {
            order.append(step.id.value)
            var seen: Set<String> = []
            dependencies[step.id.value] = step.dependsOn.map(\.value).filter {
                ids.contains($0) && $0 != step.id.value && seen.insert($0).inserted
            }
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
        self.position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The `then` and `else` targets of a branching step.
    static func branchTargets(of step: Step) -> [Located<String>] {
        switch step.config {
        case .condition(let c): c.then + c.else
        case .approval(let a): a.then + a.else
        default: []
        }
    }

    /// Each distinct cycle once (at most ``maxReportedCycles``), as a path that starts and
    /// ends at the same step (`[a, b, a]`), starting at the cycle's first step in file order.
    func cycles() -> [[String]] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        // The depth-first path: each step with the index of its next dependency to follow.
        var path: [(id: String, next: Int)] = []
        var pathIndex: [String: Int] = [:]
        var found: [[String]] = []
        var seenCycles: Set<Set<String>> = []

        for root in order where marks[root] == nil {
            marks[root] = .visiting
            pathIndex[root] = 0
            path.append((root, 0))
            while let top = path.last {
                let edges = dependencies[top.id] ?? []
                guard top.next < edges.count else {
                    path.removeLast()
                    pathIndex[top.id] = nil
                    marks[top.id] = .done
                    continue
                }
                path[path.count - 1].next += 1
                let dependency = edges[top.next]
                switch marks[dependency] {
                case .visiting:
                    guard let start = pathIndex[dependency] else { continue }
                    let cycle = path[start...].map(\.id)
                    if seenCycles.insert(Set(cycle)).inserted {
                        found.append(executionOrder(cycle))
                        if found.count == StepGraph.maxReportedCycles { return found }
                    }
                case .done: continue
                case nil:
                    marks[dependency] = .visiting
                    pathIndex[dependency] = path.count
                    path.append((dependency, 0))
                }
            }
        }
        return found
    }

    /// A dependency path `[a, c, b]` (a depends on c, c on b, b on a) as the cycle in
    /// execution order from its first step in file order, closed: `[a, b, c, a]`.
    private func executionOrder(_ dependencyPath: [String]) -> [String] {
        let cycle = Array(dependencyPath.reversed())
        let pivot = cycle.indices.min { position[cycle[$0]] ?? .max < position[cycle[$1]] ?? .max } ?? 0
        let rotated = Array(cycle[pivot...] + cycle[..<pivot])
        return rotated + [rotated[0]]
    }
}
