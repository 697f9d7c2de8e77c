import Foundation

extension RunExecutor {
    /// How long a script left by an earlier process gets to exit after SIGTERM.
    static let orphanGrace: Duration = .seconds(2)

    /// Before a resumed or recovered run starts any step: ends every script process that an
    /// attempt without a recorded end started (the process that ran it was killed), and
    /// waits until they are gone. Returns why the run can't go on when some can't be ended.
    func endEarlierAttempts(_ runID: String) async -> String? {
        let events = (try? await store.events(of: runID, after: 0)) ?? []
        var open: [String: [ProcessIdentity]] = [:]
        for event in events {
            guard let stepID = event.stepID, let attempt = event.attempt else { continue }
            let key = stepID + "#" + String(attempt)
            switch event.kind {
            case .stepProcess:
                if let identity = ProcessIdentity(event.data) { open[key, default: []].append(identity) }
            case .stepCompleted, .stepFailed, .stepCancelled, .stepRetrying:
                open[key] = nil
            default:
                break
            }
        }
        let leaders = open.keys.sorted().flatMap { open[$0] ?? [] }
        guard !leaders.isEmpty else { return nil }
        let left = await ScriptSessions.terminate(leaders, grace: Self.orphanGrace)
        guard !left.isEmpty else { return nil }
        let pids = left.map(String.init).joined(separator: ", ")
        return "processes of an earlier attempt are still alive and could not be ended (pid \(pids)); end them and resume the run"
    }
}
