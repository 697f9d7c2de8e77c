import Synchronization

/// What work outside the loop (mail given up, chains stopped, writes through the API) hands
/// to the daemon's loop to report (the last 100).
final class ActivityBox: Sendable {
    private let problems = Mutex<[Daemon.Activity]>([])

    /// A problem, reported as `.failed`.
    func add(_ problem: String) { add(.failed(problem)) }

    func add(_ problem: Daemon.Activity) {
        problems.withLock {
            $0.append(problem)
            if $0.count > 100 { $0.removeFirst($0.count - 100) }
        }
    }

    /// What was added since the last call.
    func take() -> [Daemon.Activity] {
        problems.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
