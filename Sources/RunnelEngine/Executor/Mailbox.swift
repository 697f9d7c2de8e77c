import Synchronization

/// The executor's inbox: step tasks, timers and cancellation post to it from any thread; the
/// run loop takes everything that has arrived at once, so that completions that arrived
/// together are recorded together (one write, one sync).
final class Mailbox<Message: Sendable>: Sendable {
    private struct State {
        var messages: [Message] = []
        var waiter: CheckedContinuation<[Message], Never>?
    }

    private let state = Mutex(State())

    /// Delivers a message (to the waiting ``take()``, or for the next one).
    func post(_ message: Message) {
        let waiter = state.withLock { state -> CheckedContinuation<[Message], Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.messages.append(message)
            return nil
        }
        waiter?.resume(returning: [message])
    }

    /// Every message posted since the last call, in order; waits when there is none.
    /// One task at a time calls it (the run loop).
    func take() async -> [Message] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [Message]? in
                guard !state.messages.isEmpty else {
                    state.waiter = continuation
                    return nil
                }
                defer { state.messages.removeAll() }
                return state.messages
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
