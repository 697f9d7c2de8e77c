public import Foundation
import RunnelCore

/// Decides what a run does next. It is a plain value: the executor tells it what happened
/// and what time it is, and performs the actions it returns; tests drive it with a fake clock.
///
/// Rules (the file format reference states them for users):
/// - a step starts when every dependency has finished;
/// - it is skipped when it is a target of the branch not taken, when all of its dependencies
///   were skipped, or when a dependency failed, unless its `if` calls a status function
///   (`failure()`, `always()`, `cancelled()`);
/// - a failed attempt is retried per the step's retry policy;
/// - when the main steps are done and one failed (without `continue_on_error`), the
///   `on_failure` steps run, then the run fails.
public struct RunStateMachine: Sendable {
    /// What the executor should do.
    public enum Action: Sendable, Equatable {
        /// Run attempt `attempt` of a step (evaluate its `if` first).
        case start(stepID: String, attempt: Int)
        /// Record the step as skipped.
        case skip(stepID: String, reason: String)
        /// Nothing can start before this time (a retry's backoff): call ``next(now:)`` then.
        case wake(at: Date)
        /// The run is over.
        case finish(RunStatus, error: String?)
    }

    /// How a finished attempt ended.
    public enum Result: Sendable, Equatable {
        case completed
        case failed(String)
        case cancelled
        case skipped(String)
    }

    /// What happens after a failed attempt.
    public enum FailureDecision: Sendable, Equatable {
        /// Try again at this time.
        case retry(attempt: Int, at: Date)
        /// The step has failed for good.
        case failed
    }

    private enum Phase: Sendable { case main, onFailure, done }

    private struct StepState: Sendable {
        var status: StepStatus = .pending
        var attempt = 0
        var notBefore: Date?
        var failureTolerated = false
    }

    private let plan: RunPlan
    private var phase: Phase = .main
    private var states: [String: StepState] = [:]
    private var branchTaken: [String: Bool] = [:]
    private var cancelled = false
    private var abortReason: String?
    private var firstFailure: String?
    private var random: @Sendable () -> Double

    /// A machine for a new run, or for a run being resumed from `record` (completed and
    /// skipped steps keep their results; the others run again, attempts counted).
    /// - Parameters:
    ///   - plan: The workflow's plan.
    ///   - record: The run's record when resuming or recovering.
    ///   - fromStep: Run this step and everything downstream of it again.
    ///   - random: Jitter source in 0..<1 (tests pass a constant).
    public init(plan: RunPlan, record: RunRecord? = nil, fromStep: String? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.plan = plan
        self.random = random
        for step in plan.main.steps + plan.onFailure.steps { states[step.id.value] = StepState() }
        guard let record else { return }
        let rerun = fromStep.map { Self.downstream(of: $0, in: plan.main) } ?? []
        for run in record.stepRuns where states[run.stepID] != nil {
            var state = StepState(attempt: run.attempt)
            let isMain = plan.main.step(run.stepID) != nil
            if isMain, !rerun.contains(run.stepID), run.status == .completed || run.status == .skipped {
                state.status = run.status
            }
            states[run.stepID] = state
        }
        for (id, taken) in Self.branchesTaken(in: record, plan: plan) where !rerun.contains(id) {
            branchTaken[id] = taken
        }
    }

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

    private static func branchesTaken(in record: RunRecord, plan: RunPlan) -> [String: Bool] {
        var taken: [String: Bool] = [:]
        for run in record.stepRuns where run.status == .completed && plan.main.branches[run.stepID] != nil {
            if let result = run.output?["result"]?.boolValue ?? run.output?["approved"]?.boolValue { taken[run.stepID] = result }
        }
        return taken
    }

    /// The status of a step.
    public func status(of stepID: String) -> StepStatus? { states[stepID]?.status }

    /// The attempt number of a step's latest attempt.
    public func attempt(of stepID: String) -> Int { states[stepID]?.attempt ?? 0 }

    /// Whether some step failed without `continue_on_error` (what `failure()` tests).
    public var hasFailure: Bool { firstFailure != nil }

    /// Whether the run was cancelled.
    public var isCancelled: Bool { cancelled }

    /// Records that an attempt started.
    public mutating func started(_ stepID: String, attempt: Int) {
        states[stepID]?.status = .running
        states[stepID]?.attempt = attempt
        states[stepID]?.notBefore = nil
    }

    /// Records which branch a `condition` or `approval` step took.
    public mutating func tookBranch(_ stepID: String, then: Bool) {
        branchTaken[stepID] = then
    }

    /// Records how an attempt ended. A failure is then decided by ``failed(_:error:now:)``.
    public mutating func finished(_ stepID: String, _ result: Result) {
        guard let step = plan.main.step(stepID) ?? plan.onFailure.step(stepID) else { return }
        switch result {
        case .completed: states[stepID]?.status = .completed
        case .cancelled: states[stepID]?.status = .cancelled
        case .skipped: states[stepID]?.status = .skipped
        case .failed(let error):
            states[stepID]?.status = .failed
            if step.continueOnError {
                states[stepID]?.failureTolerated = true
            } else if firstFailure == nil {
                firstFailure = "step '\(stepID)' failed: \(error)"
            }
        }
    }

    /// Decides whether a failed attempt is retried; call it instead of `finished(.failed)`.
    public mutating func failed(_ stepID: String, error: String, now: Date) -> FailureDecision {
        guard let step = plan.main.step(stepID) ?? plan.onFailure.step(stepID), let state = states[stepID] else { return .failed }
        let policy = plan.retryPolicy(of: step)
        if !cancelled, abortReason == nil, state.attempt < policy.attempts {
            let delay = Self.backoff(policy, afterAttempt: state.attempt, random: random())
            let at = now.addingTimeInterval(delay)
            states[stepID]?.status = .pending
            states[stepID]?.notBefore = at
            return .retry(attempt: state.attempt + 1, at: at)
        }
        finished(stepID, .failed(error))
        return .failed
    }

    /// The delay before the attempt after `attempt` (1-based), in seconds.
    static func backoff(_ policy: RetryPolicy, afterAttempt attempt: Int, random: Double) -> TimeInterval {
        let initial = Double(policy.initial.totalMilliseconds) / 1000
        let maximum = Double(policy.max.totalMilliseconds) / 1000
        var delay = policy.backoff == .exponential ? initial * pow(2, Double(max(0, attempt - 1))) : initial
        delay = min(delay, maximum)
        if policy.jitter { delay += delay * 0.2 * random }
        return delay
    }

    /// Cancels the run: nothing new starts; running steps are to be cancelled by the executor.
    public mutating func cancel() {
        cancelled = true
    }

    /// Fails the run (a run timeout): nothing new starts in the main phase; `on_failure` runs.
    public mutating func abort(_ reason: String) {
        if abortReason == nil { abortReason = reason }
        if firstFailure == nil { firstFailure = reason }
    }

    /// What to do now.
    public mutating func next(now: Date) -> [Action] {
        var actions: [Action] = []
        while true {
            switch phase {
            case .done:
                return actions
            case .main:
                if cancelled || abortReason != nil {
                    actions += skipPending(in: plan.main, reason: cancelled ? "the run was cancelled" : abortReason ?? "the run failed")
                }
                let (ready, wake, running) = advance(plan.main, now: now, into: &actions)
                if ready || running { return actions + (wake.map { [.wake(at: $0)] } ?? []) }
                if let wake { return actions + [.wake(at: wake)] }
                if cancelled {
                    phase = .done
                    return actions + [.finish(.cancelled, error: "the run was cancelled")]
                }
                if firstFailure != nil, !plan.onFailure.steps.isEmpty {
                    phase = .onFailure
                    continue
                }
                phase = .done
                return actions + [firstFailure == nil ? .finish(.completed, error: nil) : .finish(.failed, error: firstFailure)]
            case .onFailure:
                if cancelled { actions += skipPending(in: plan.onFailure, reason: "the run was cancelled") }
                let (ready, wake, running) = advance(plan.onFailure, now: now, into: &actions)
                if ready || running || wake != nil { return actions + (wake.map { [.wake(at: $0)] } ?? []) }
                phase = .done
                return actions + [cancelled ? .finish(.cancelled, error: "the run was cancelled") : .finish(.failed, error: firstFailure)]
            }
        }
    }

    private mutating func skipPending(in phase: RunPlan.Phase, reason: String) -> [Action] {
        var actions: [Action] = []
        for step in phase.steps where states[step.id.value]?.status == .pending {
            states[step.id.value]?.status = .skipped
            actions.append(.skip(stepID: step.id.value, reason: reason))
        }
        return actions
    }

    /// Starts or skips what can be; says whether something started, the earliest wake-up,
    /// and whether steps are still running.
    private mutating func advance(_ phase: RunPlan.Phase, now: Date, into actions: inout [Action]) -> (Bool, Date?, Bool) {
        var started = false
        var wake: Date?
        var progressed = true
        while progressed {
            progressed = false
            for step in phase.steps {
                let id = step.id.value
                guard let state = states[id], state.status == .pending else { continue }
                if let notBefore = state.notBefore, notBefore > now {
                    wake = min(wake ?? notBefore, notBefore)
                    continue
                }
                switch readiness(of: step, in: phase) {
                case .waiting: continue
                case .skip(let reason):
                    states[id]?.status = .skipped
                    actions.append(.skip(stepID: id, reason: reason))
                    progressed = true
                case .start:
                    let attempt = state.attempt + 1
                    states[id]?.status = .running
                    states[id]?.attempt = attempt
                    actions.append(.start(stepID: id, attempt: attempt))
                    started = true
                }
            }
        }
        let running = phase.steps.contains { states[$0.id.value]?.status == .running }
        return (started, wake, running)
    }

    private enum Readiness { case waiting, skip(String), start }

    private func readiness(of step: Step, in phase: RunPlan.Phase) -> Readiness {
        let id = step.id.value
        let dependencies = phase.dependencies[id] ?? []
        var allSkipped = !dependencies.isEmpty
        var failedDependency: String?
        for dependency in dependencies {
            guard let state = states[dependency] else { continue }
            if !state.status.isFinished { return .waiting }
            if state.status != .skipped { allSkipped = false }
            if (state.status == .failed && !state.failureTolerated) || state.status == .cancelled {
                failedDependency = failedDependency ?? dependency
            }
            if let branches = phase.branches[dependency], let taken = branchTaken[dependency] {
                let notTaken = taken ? branches.else : branches.then
                let takenTargets = taken ? branches.then : branches.else
                if notTaken.contains(id), !takenTargets.contains(id) { return .skip("branch not taken by '\(dependency)'") }
            }
        }
        let usesStatus = Self.usesStatusFunction(step)
        if let failedDependency, !usesStatus { return .skip("dependency '\(failedDependency)' failed") }
        if allSkipped, !usesStatus { return .skip("all of its dependencies were skipped") }
        return .start
    }

    /// Whether the step's `if` calls `failure()`, `always()` or `cancelled()` (then it runs
    /// even after a failed dependency; its `if` decides).
    static func usesStatusFunction(_ step: Step) -> Bool {
        guard let condition = step.condition?.value else { return false }
        let lowered = condition.lowercased()
        return lowered.contains("failure(") || lowered.contains("always(") || lowered.contains("cancelled(")
    }
}
