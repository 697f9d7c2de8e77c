/// Wakes a sleeping loop early: ``wait(for:)`` returns after the delay, or as soon as
/// ``signal()`` is called (a signal sent while nobody waits is kept for the next wait).
actor Wakeup {
    private var pending = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>)?
    private var nextID = 0

    func signal() {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume()
        } else {
            pending = true
        }
    }

    func wait(for delay: Duration) async {
        if pending {
            pending = false
            return
        }
        nextID += 1
        let id = nextID
        let timer = Task {
            try? await Task.sleep(for: delay)
            self.expire(id)
        }
        await withCheckedContinuation { continuation in waiter = (id, continuation) }
        timer.cancel()
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume()
    }
}
