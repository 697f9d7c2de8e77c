extension Workflow {
    /// The most steps a workflow may have: main steps, `on_failure` steps and loop bodies
    /// together. A file with more is refused (rule `step-limit`).
    public static let maxSteps = 10_000

    /// Every step, nested loop bodies and `on_failure` steps included, in file order.
    public var allSteps: [Step] { Workflow.flatten(steps + onFailure) }

    /// `steps` with each loop's body after the loop, however deep loops nest (no recursion).
    static func flatten(_ steps: [Step]) -> [Step] {
        var result: [Step] = []
        result.reserveCapacity(steps.count)
        for step in steps {
            var next: Step? = step
            while let current = next {
                result.append(current)
                if case .loop(let loop) = current.config { next = loop.step } else { next = nil }
            }
        }
        return result
    }
}
