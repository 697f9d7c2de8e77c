import Synchronization

/// Problems that background work hands to the daemon's loop to report (the last 100).
final class ProblemBox: Sendable {
    private let problems = Mutex<[String]>([])

    func add(_ problem: String) {
        problems.withLock {
            $0.append(problem)
            if $0.count > 100 { $0.removeFirst($0.count - 100) }
        }
    }

    /// The problems added since the last call.
    func take() -> [String] {
        problems.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
