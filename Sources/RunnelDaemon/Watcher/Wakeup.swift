/// Wakes a sleeping loop early: ``wait(for:)`` returns after the delay, or as soon as
/// ``signal()`` is called (a signal sent while nobody waits is kept for the next wait).
actor Wakeup {
    private var pending = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Bool, Never>)?
    private var nextID = 0

    func signal() {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: true)
        } else {
            pending = true
        }
    }

    /// Returns true when a signal ended the wait, false when the delay did.
    @discardableResult
    func wait(for delay: Duration) async -> Bool {
        if pending {
            pending = false
            return true
        }
        nextID += 1
        let id = nextID
        let timer = Task {
            try? await Task.sleep(for: delay)
            self.expire(id)
        }
        let signalled = await withCheckedContinuation { continuation in waiter = (id, continuation) }
        timer.cancel()
        return signalled
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: false)
    }
}
