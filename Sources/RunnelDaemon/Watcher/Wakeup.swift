import Synchronization

/// Wakes a sleeping loop early: ``wait(for:)`` returns after the delay, or as soon as
/// ``signal()`` is called (a signal sent while nobody waits is kept for the next wait).
/// `signal()` is synchronous, so an inotify thread or a graceful-shutdown handler can call it.
final class Wakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: (id: Int, continuation: CheckedContinuation<Bool, Never>)?
        /// A wait cancelled before it was installed (it returns at once when it is).
        var cancelledID: Int?
        var nextID = 0
    }

    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: true)
    }

    /// Returns true when a signal ended the wait, false when the delay (or cancellation) did.
    @discardableResult
    func wait(for delay: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.signalled() }
            group.addTask {
                try? await Task.sleep(for: delay)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Waits for a signal; false when the task is cancelled first.
    private func signalled() async -> Bool {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool? in
                    if state.cancelledID == id {
                        state.cancelledID = nil
                        return false
                    }
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiter = (id, continuation)
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let waiter = state.waiter, waiter.id == id else {
                    state.cancelledID = id
                    return nil
                }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume(returning: false)
        }
    }
}
