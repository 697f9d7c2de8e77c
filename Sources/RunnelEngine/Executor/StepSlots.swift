import RunnelCore

/// A plan's steps numbered once (main steps first, then `on_failure`, one slot per id, first
/// occurrence wins), with the edges and per-step facts the state machine needs, so that it
/// finds ready steps by following edges instead of scanning and copying every `Step`.
struct StepSlots: Sendable {
    /// Step ids by slot.
    let ids: [String]
    /// Slot by step id.
    let slots: [String: Int]
    /// Slots below this are main steps; the others are `on_failure` steps.
    let mainCount: Int
    /// Per slot: the slots it waits for (known ids, each once).
    let dependencies: [[Int]]
    /// Per slot: the slots that wait for it.
    let dependants: [[Int]]
    /// Per slot: whether its `if` calls a status function.
    let usesStatus: [Bool]
    /// Per slot: `continue_on_error`.
    let continueOnError: [Bool]
    /// Per slot: the retry policy.
    let retry: [RetryPolicy]

    init(_ plan: RunPlan) {
        var ids: [String] = []
        var slots: [String: Int] = [:]
        var usesStatus: [Bool] = []
        var continueOnError: [Bool] = []
        var retry: [RetryPolicy] = []
        var mainCount = 0
        for (isMain, phase) in [(true, plan.main), (false, plan.onFailure)] {
            for step in phase.steps where slots[step.id.value] == nil {
                slots[step.id.value] = ids.count
                ids.append(step.id.value)
                usesStatus.append(RunStateMachine.usesStatusFunction(step))
                continueOnError.append(step.continueOnError)
                retry.append(plan.retryPolicy(of: step))
            }
            if isMain { mainCount = ids.count }
        }
        var dependencies = [[Int]](repeating: [], count: ids.count)
        var dependants = [[Int]](repeating: [], count: ids.count)
        for (slot, id) in ids.enumerated() {
            let phase = slot < mainCount ? plan.main : plan.onFailure
            var seen: Set<Int> = []
            for dependency in phase.dependencies[id] ?? [] {
                guard let other = slots[dependency], seen.insert(other).inserted else { continue }
                dependencies[slot].append(other)
                dependants[other].append(slot)
            }
        }
        self.ids = ids
        self.slots = slots
        self.mainCount = mainCount
        self.dependencies = dependencies
        self.dependants = dependants
        self.usesStatus = usesStatus
        self.continueOnError = continueOnError
        self.retry = retry
    }

    /// The slots of the main steps or of the `on_failure` steps.
    func range(main: Bool) -> Range<Int> { main ? 0..<mainCount : mainCount..<ids.count }
}
