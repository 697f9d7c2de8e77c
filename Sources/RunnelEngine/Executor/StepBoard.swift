/// The status of every step of a run by slot, with the counts that let the state machine
/// find ready steps without scanning: per step, how many dependencies are unfinished; the
/// pending steps with none (candidates); running and pending steps per phase.
struct StepBoard: Sendable {
    let slots: StepSlots
    /// Status by slot; change it only through ``setStatus(_:_:)``.
    private(set) var statuses: [StepStatus]
    /// Pending steps whose dependencies have all finished.
    private(set) var candidates: Set<Int> = []
    private var unfinished: [Int]
    private var running = [0, 0]
    private var pending = [0, 0]

    init(_ slots: StepSlots, statuses: [StepStatus]) {
        self.slots = slots
        self.statuses = statuses
        unfinished = slots.dependencies.map { dependencies in dependencies.count { !statuses[$0].isFinished } }
        for (slot, status) in statuses.enumerated() {
            if status == .running { running[Self.phase(slot, slots)] += 1 }
            if status == .pending { pending[Self.phase(slot, slots)] += 1 }
            updateCandidate(slot)
        }
    }

    private static func phase(_ slot: Int, _ slots: StepSlots) -> Int { slot < slots.mainCount ? 0 : 1 }

    /// Whether a step of the main (or `on_failure`) phase is running.
    func hasRunning(main: Bool) -> Bool { running[main ? 0 : 1] > 0 }

    /// Whether a step of the main (or `on_failure`) phase is pending.
    func hasPending(main: Bool) -> Bool { pending[main ? 0 : 1] > 0 }

    /// Whether a step is pending with all of its dependencies finished.
    func isCandidate(_ slot: Int) -> Bool { statuses[slot] == .pending && unfinished[slot] == 0 }

    /// Sets a step's status and keeps the counts and candidates current.
    mutating func setStatus(_ slot: Int, _ status: StepStatus) {
        let old = statuses[slot]
        guard old != status else { return }
        statuses[slot] = status
        let phase = Self.phase(slot, slots)
        if old == .running { running[phase] -= 1 }
        if status == .running { running[phase] += 1 }
        if old == .pending { pending[phase] -= 1 }
        if status == .pending { pending[phase] += 1 }
        if old.isFinished != status.isFinished {
            for dependant in slots.dependants[slot] {
                unfinished[dependant] += status.isFinished ? -1 : 1
                updateCandidate(dependant)
            }
        }
        updateCandidate(slot)
    }

    private mutating func updateCandidate(_ slot: Int) {
        if isCandidate(slot) {
            candidates.insert(slot)
        } else {
            candidates.remove(slot)
        }
    }
}

/// A binary min-heap of slots: the order in which one pass visits ready steps (file order).
struct SlotHeap {
    private var items: [Int] = []

    init<S: Sequence<Int>>(_ slots: S) {
        for slot in slots { push(slot) }
    }

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ slot: Int) {
        items.append(slot)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
