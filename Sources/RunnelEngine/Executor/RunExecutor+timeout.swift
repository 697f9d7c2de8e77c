extension RunExecutor {
    /// Runs `body` with `timeout` (none: no limit). When the time is up, `body`'s task is
    /// cancelled and its own result — what the step did until it was stopped, a script's
    /// stdout and stderr — is passed to `timedOut`, whose answer is returned.
    static func limited<Result: Sendable>(_ timeout: Duration?, _ body: @escaping @Sendable () async -> Result,
                                          timedOut: @Sendable (Result?) -> Result) async -> Result {
        guard let timeout else { return await body() }
        return await withTaskGroup(of: AttemptRace<Result>.self) { group in
            group.addTask { .done(await body()) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .timer(fired: !Task.isCancelled)
            }
            var expired = false
            while let next = await group.next() {
                switch next {
                case .timer(let fired):
                    guard fired else { continue }
                    expired = true
                    group.cancelAll()
                case .done(let result):
                    group.cancelAll()
                    return expired ? timedOut(result) : result
                }
            }
            // Not reached (the body's task always ends with a result); stopped without one.
            return timedOut(nil)
        }
    }
}

/// What ends first in ``RunExecutor/limited(_:_:timedOut:)``: the attempt or its timer.
enum AttemptRace<Result: Sendable>: Sendable {
    case done(Result)
    case timer(fired: Bool)
}
