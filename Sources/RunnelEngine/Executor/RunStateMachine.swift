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

    /// What a step's status does not say.
    private struct StepState: Sendable {
        var attempt = 0
        var notBefore: Date?
        var failureTolerated = false
    }

    private let plan: RunPlan
    private var phase: Phase = .main
    private var board: StepBoard
    private var states: [StepState]
    private var branchTaken: [String: Bool] = [:]
    private var cancelled = false
    private var holding = false
    private var abortReason: String?

    /// Why the run was stopped (its `timeout`), when it was.
    public var stoppedBecause: String? { abortReason }
    private var firstFailure: String?
    private var random: @Sendable () -> Double

    /// A machine for a new run, or for a run being resumed from `record`: completed steps and
    /// tolerated failures keep their results; the others (skipped ones included) are decided
    /// and run again, attempts counted.
    /// - Parameters:
    ///   - plan: The workflow's plan.
    ///   - record: The run's record when resuming or recovering.
    ///   - fromStep: Run this step and everything downstream of it again.
    ///   - random: Jitter source in 0..<1 (tests pass a constant).
    public init(plan: RunPlan, record: RunRecord? = nil, fromStep: String? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.plan = plan
        self.random = random
        let slots = StepSlots(plan)
        var statuses = [StepStatus](repeating: .pending, count: slots.ids.count)
        states = Array(repeating: StepState(), count: slots.ids.count)
        if let record {
            let rerun = fromStep.map { Self.downstream(of: $0, in: plan.main) } ?? []
            for run in record.stepRuns {
                guard let slot = slots.slots[run.stepID] else { continue }
                states[slot] = StepState(attempt: run.attempt)
                guard slot < slots.mainCount, !rerun.contains(run.stepID) else { continue }
                // Completed steps keep their results, and so do failures `continue_on_error`
                // tolerated. Skipped steps are decided again: what skipped them (a failed
                // dependency, a cancel) may not hold any more; a branch not taken still does.
                if run.status == .completed {
                    statuses[slot] = .completed
                } else if run.status == .failed, plan.main.step(run.stepID)?.continueOnError == true {
                    statuses[slot] = .failed
                    states[slot].failureTolerated = true
                }
            }
            for (id, taken) in Self.branchesTaken(in: record, plan: plan) where !rerun.contains(id) {
                branchTaken[id] = taken
            }
        }
        board = StepBoard(slots, statuses: statuses)
    }

    private var slots: StepSlots { board.slots }

    /// The status of a step.
    public func status(of stepID: String) -> StepStatus? { slots.slots[stepID].map { board.statuses[$0] } }

    /// The attempt number of a step's latest attempt.
    public func attempt(of stepID: String) -> Int { slots.slots[stepID].map { states[$0].attempt } ?? 0 }

    /// Whether some step failed without `continue_on_error` (what `failure()` tests).
    public var hasFailure: Bool { firstFailure != nil }

    /// Whether the run was cancelled.
    public var isCancelled: Bool { cancelled }

    /// Records that an attempt started.
    public mutating func started(_ stepID: String, attempt: Int) {
        guard let slot = slots.slots[stepID] else { return }
        board.setStatus(slot, .running)
        states[slot].attempt = attempt
        states[slot].notBefore = nil
    }

    /// Records which branch a `condition` or `approval` step took.
    public mutating func tookBranch(_ stepID: String, then: Bool) {
        branchTaken[stepID] = then
    }

    /// Records how an attempt ended. A failure is then decided by ``failed(_:error:now:)``.
    public mutating func finished(_ stepID: String, _ result: Result) {
        guard let slot = slots.slots[stepID] else { return }
        switch result {
        case .completed: board.setStatus(slot, .completed)
        case .cancelled: board.setStatus(slot, .cancelled)
        case .skipped: board.setStatus(slot, .skipped)
        case .failed(let error):
            board.setStatus(slot, .failed)
            if slots.continueOnError[slot] {
                states[slot].failureTolerated = true
            } else if firstFailure == nil {
                firstFailure = "step '\(stepID)' failed: \(error)"
            }
        }
    }

    /// Decides whether a failed attempt is retried; call it instead of `finished(.failed)`.
    public mutating func failed(_ stepID: String, error: String, now: Date) -> FailureDecision {
        guard let slot = slots.slots[stepID] else { return .failed }
        let policy = slots.retry[slot]
        let attempt = states[slot].attempt
        if !cancelled, abortReason == nil, attempt < policy.attempts {
            let delay = Self.backoff(policy, afterAttempt: attempt, random: random())
            let at = now.addingTimeInterval(delay)
            board.setStatus(slot, .pending)
            states[slot].notBefore = at
            return .retry(attempt: attempt + 1, at: at)
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

    /// Pauses the run: no step starts from now on (skips are still decided); once nothing
    /// runs, ``next(now:)`` returns no action while steps are left, and ``isHeld`` says why.
    public mutating func hold() {
        holding = true
    }

    /// Whether the run is paused (``hold()``).
    public var isHeld: Bool { holding }

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
                    actions += skipPending(main: true, reason: cancelled ? "the run was cancelled" : abortReason ?? "the run failed")
                }
                let (ready, wake, running) = advance(main: true, now: now, into: &actions)
                if ready || running { return actions + (wake.map { [.wake(at: $0)] } ?? []) }
                if let wake { return actions + [.wake(at: wake)] }
                if holding, board.hasPending(main: true) { return actions }
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
                if cancelled { actions += skipPending(main: false, reason: "the run was cancelled") }
                let (ready, wake, running) = advance(main: false, now: now, into: &actions)
                if ready || running || wake != nil { return actions + (wake.map { [.wake(at: $0)] } ?? []) }
                if holding, board.hasPending(main: false) { return actions }
                phase = .done
                return actions + [cancelled ? .finish(.cancelled, error: "the run was cancelled") : .finish(.failed, error: firstFailure)]
            }
        }
    }

    private mutating func skipPending(main: Bool, reason: String) -> [Action] {
        guard board.hasPending(main: main) else { return [] }
        var actions: [Action] = []
        for slot in slots.range(main: main) where board.statuses[slot] == .pending {
            board.setStatus(slot, .skipped)
            actions.append(.skip(stepID: slots.ids[slot], reason: reason))
        }
        return actions
    }

    /// Starts or skips what can be; says whether something started, the earliest wake-up,
    /// and whether steps are still running. Visits ready steps in file order, in passes: a
    /// step made ready by a skip is visited in the same pass when it comes later in the file.
    private mutating func advance(main: Bool, now: Date, into actions: inout [Action]) -> (Bool, Date?, Bool) {
        let range = slots.range(main: main)
        var started = false
        var wake: Date?
        var pass = SlotHeap(board.candidates.filter(range.contains).sorted())
        while !pass.isEmpty {
            var nextPass: [Int] = []
            while let slot = pass.pop() {
                guard board.isCandidate(slot) else { continue }
                if let notBefore = states[slot].notBefore, notBefore > now {
                    wake = min(wake ?? notBefore, notBefore)
                    continue
                }
                switch readiness(of: slot, in: main ? plan.main : plan.onFailure) {
                case .waiting: continue
                case .skip(let reason):
                    board.setStatus(slot, .skipped)
                    actions.append(.skip(stepID: slots.ids[slot], reason: reason))
                    for dependant in slots.dependants[slot] where range.contains(dependant) && board.isCandidate(dependant) {
                        if dependant > slot { pass.push(dependant) } else { nextPass.append(dependant) }
                    }
                case .start:
                    if holding { continue }
                    let attempt = states[slot].attempt + 1
                    board.setStatus(slot, .running)
                    states[slot].attempt = attempt
                    actions.append(.start(stepID: slots.ids[slot], attempt: attempt))
                    started = true
                }
            }
            pass = SlotHeap(nextPass.sorted())
        }
        return (started, wake, board.hasRunning(main: main))
    }

    private enum Readiness { case waiting, skip(String), start }

    private func readiness(of slot: Int, in phase: RunPlan.Phase) -> Readiness {
        let id = slots.ids[slot]
        var allSkipped = !(phase.dependencies[id] ?? []).isEmpty
        var failedDependency: String?
        for other in slots.dependencies[slot] {
            let status = board.statuses[other]
            let dependency = slots.ids[other]
            if !status.isFinished { return .waiting }
            if status != .skipped { allSkipped = false }
            if (status == .failed && !states[other].failureTolerated) || status == .cancelled {
                failedDependency = failedDependency ?? dependency
            }
            if let branches = phase.branches[dependency], let taken = branchTaken[dependency] {
                let notTaken = taken ? branches.else : branches.then
                let takenTargets = taken ? branches.then : branches.else
                if notTaken.contains(id), !takenTargets.contains(id) { return .skip("branch not taken by '\(dependency)'") }
            }
        }
        let usesStatus = slots.usesStatus[slot]
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
