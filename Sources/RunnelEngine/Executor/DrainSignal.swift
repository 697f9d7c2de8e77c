import Synchronization

/// Tells the run loops of an engine that the process is stopping: each stops starting
/// steps, lets the running ones finish until the deadline, and leaves its run to be resumed
/// at the next start.
final class DrainSignal: Sendable {
    private struct State {
        var deadline: ContinuousClock.Instant?
        var listeners: [Int: @Sendable (ContinuousClock.Instant) -> Void] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    /// Calls `listener` with the deadline when the drain begins (at once when it has begun).
    /// Returns a token for ``remove(_:)``.
    func listen(_ listener: @escaping @Sendable (ContinuousClock.Instant) -> Void) -> Int {
        let (id, deadline) = state.withLock { state -> (Int, ContinuousClock.Instant?) in
            state.nextID += 1
            state.listeners[state.nextID] = listener
            return (state.nextID, state.deadline)
        }
        if let deadline { listener(deadline) }
        return id
    }

    func remove(_ id: Int) {
        _ = state.withLock { $0.listeners.removeValue(forKey: id) }
    }

    /// Begins the drain; the listeners hear of it once.
    func begin(deadline: ContinuousClock.Instant) {
        let listeners = state.withLock { state -> [@Sendable (ContinuousClock.Instant) -> Void] in
            guard state.deadline == nil else { return [] }
            state.deadline = deadline
            return Array(state.listeners.values)
        }
        for listener in listeners { listener(deadline) }
    }

    var isDraining: Bool { state.withLock { $0.deadline != nil } }
}
