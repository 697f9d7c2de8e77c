/// Which steps are upstream of which, for every step at once.
///
/// Computed once per graph in topological order (Kahn's algorithm, no recursion) as one bit
/// set of ancestors per step: n²/64 words, 12.5 MB for 10,000 steps, and each question
/// afterwards is one bit test, so checking every `steps.X` reference of a long chain stays
/// linear in the number of references instead of walking the chain once per step.
struct StepReachability {
    private let index: [String: Int]
    private let words: Int
    /// Row `i` holds the ancestors of the step at position `i` in file order.
    private let bits: [UInt64]
    /// The steps whose ancestors are all known: every step not on a cycle or downstream of one.
    private let complete: Set<String>

    init(_ graph: StepGraph) {
        index = graph.position
        let count = graph.order.count
        words = (count + 63) / 64
        // Kahn: dependents of each step, and how many dependencies each step still waits for.
        var dependents = [[Int]](repeating: [], count: count)
        var waiting = [Int](repeating: 0, count: count)
        for (i, id) in graph.order.enumerated() {
            for dependency in graph.dependencies[id] ?? [] {
                guard let d = graph.position[dependency] else { continue }
                dependents[d].append(i)
                waiting[i] += 1
            }
        }
        var ready = (0..<count).filter { waiting[$0] == 0 }.reversed() as [Int]
        var complete: Set<String> = []
        var bits = [UInt64](repeating: 0, count: count * words)
        while let i = ready.popLast() {
            complete.insert(graph.order[i])
            for dependent in dependents[i] {
                // The dependent inherits this step and its ancestors.
                let (target, source) = (dependent * words, i * words)
                for w in 0..<words { bits[target + w] |= bits[source + w] }
                bits[target + i / 64] |= 1 << UInt64(i % 64)
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { ready.append(dependent) }
            }
        }
        self.bits = bits
        self.complete = complete
    }

    /// Whether `ancestor` must finish before `step` starts; `nil` when `step` is on a
    /// dependency cycle or downstream of one (the `cycle` rule reports those).
    func isUpstream(_ ancestor: String, of step: String) -> Bool? {
        guard complete.contains(step), let row = index[step] else { return nil }
        guard let column = index[ancestor] else { return false }
        return bits[row * words + column / 64] & (1 << UInt64(column % 64)) != 0
    }
}
