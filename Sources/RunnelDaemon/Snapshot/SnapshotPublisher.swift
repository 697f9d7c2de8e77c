import Synchronization

/// Holds the daemon's last ``WorkflowSnapshot`` behind a `Mutex` and hands each new one to
/// its subscribers: reading it never waits on the daemon's actor.
public final class SnapshotPublisher: Sendable {
    private struct State {
        var snapshot = WorkflowSnapshot()
        var subscribers: [Int: AsyncStream<WorkflowSnapshot>.Continuation] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    /// A publisher holding an empty snapshot.
    public init() {}

    /// The last snapshot published.
    public var current: WorkflowSnapshot { state.withLock { $0.snapshot } }

    /// Replaces the snapshot (numbered as the next generation) and tells every subscriber.
    func publish(_ snapshot: WorkflowSnapshot) {
        let (snapshot, subscribers) = state.withLock { state in
            var snapshot = snapshot
            snapshot.generation = state.snapshot.generation + 1
            state.snapshot = snapshot
            return (snapshot, Array(state.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(snapshot) }
    }

    /// Changes the last snapshot in place (under the lock) and publishes the result.
    func update(_ change: (inout WorkflowSnapshot) -> Void) {
        let (snapshot, subscribers) = state.withLock { state in
            change(&state.snapshot)
            state.snapshot.generation += 1
            return (state.snapshot, Array(state.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(snapshot) }
    }

    /// The current snapshot, then every new one (a slow reader gets the newest only).
    public func updates() -> AsyncStream<WorkflowSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: WorkflowSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = continuation
            continuation.yield(state.snapshot)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }
}
