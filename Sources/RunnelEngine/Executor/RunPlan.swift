public import RunnelCore

/// The static shape of a run: each step list's dependencies, branch targets and policies,
/// computed once from the workflow.
public struct RunPlan: Sendable {
    /// One step list (`steps` or `on_failure`).
    public struct Phase: Sendable {
        /// The steps in file order.
        public private(set) var steps: [Step]
        /// Step id → ids it waits for (`depends_on` plus implicit branch edges).
        public var dependencies: [String: [String]]
        /// Branching step id → (then targets, else targets).
        public var branches: [String: (then: [String], else: [String])]
        /// Step id → position in `steps` (first occurrence).
        private var positions: [String: Int] = [:]

        init(_ steps: [Step]) {
            self.steps = steps
            for (position, step) in steps.enumerated() where positions[step.id.value] == nil {
                positions[step.id.value] = position
            }
            var dependencies: [String: [String]] = [:]
            var branches: [String: (then: [String], else: [String])] = [:]
            for step in steps { dependencies[step.id.value] = step.dependsOn.map(\.value) }
            for step in steps {
                let targets: ([Located<String>], [Located<String>])? = switch step.config {
                case .condition(let c): (c.then, c.else)
                case .approval(let a) where !a.then.isEmpty || !a.else.isEmpty: (a.then, a.else)
                default: nil
                }
                guard let (thenTargets, elseTargets) = targets else { continue }
                branches[step.id.value] = (thenTargets.map(\.value), elseTargets.map(\.value))
                for target in thenTargets + elseTargets where dependencies[target.value]?.contains(step.id.value) == false {
                    dependencies[target.value, default: []].append(step.id.value)
                }
            }
            self.dependencies = dependencies
            self.branches = branches
        }

        /// The step with id `id`.
        public func step(_ id: String) -> Step? { positions[id].map { steps[$0] } }
    }

    /// The workflow.
    public let workflow: Workflow
    /// The main steps.
    public let main: Phase
    /// The `on_failure` steps.
    public let onFailure: Phase

    /// The plan of `workflow`.
    public init(_ workflow: Workflow) {
        self.workflow = workflow
        main = Phase(workflow.steps)
        onFailure = Phase(workflow.onFailure)
    }

    /// The timeout of one attempt of `step`: its own, else `defaults.timeout` (which does
    /// not apply to `wait` and `approval` steps: they wait by design).
    public func attemptTimeout(of step: Step) -> Duration? {
        if let own = step.timeout { return own.value }
        if step.type == .wait || step.type == .approval { return nil }
        return workflow.defaults.timeout?.value
    }

    /// The retry policy of `step`.
    public func retryPolicy(of step: Step) -> RetryPolicy {
        step.retry ?? workflow.defaults.retry ?? .none
    }
}
