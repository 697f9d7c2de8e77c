public import RunnelCore

/// The runners of the step types that do outside work. `condition`, `loop`, `approval` and
/// `workflow` steps are run by the executor itself (they steer the run).
public struct StepRunners: Sendable {
    private var runners: [StepType: any StepRunner]

    /// A registry with the given runners.
    public init(_ runners: [StepType: any StepRunner]) {
        self.runners = runners
    }

    /// The runner of `type`, if any.
    public func runner(for type: StepType) -> (any StepRunner)? { runners[type] }

    /// Replaces the runner of `type` (tests).
    public mutating func set(_ runner: any StepRunner, for type: StepType) { runners[type] = runner }
}
