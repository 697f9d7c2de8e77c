public import Foundation
import RunnelCore
public import RunnelEngine

extension Daemon {
    /// What the loop reports as it goes (the CLI logs it).
    public enum Activity: Sendable {
        /// A new commit was reconciled.
        case reconciled(commit: String, ReconcileReport)
        /// Schedules fired (or slots were skipped).
        case scheduled([RunRecord])
        /// The branch could not be read.
        case failed(String)
        /// The daemon stopped; these runs were left unfinished and resume at the next start.
        case stopped(unfinished: [String])
        /// A run started other than by a schedule (the API, an event, a webhook, a chain), or
        /// was resumed (at start, or through the API).
        case runStarted(runID: String, workflowID: String, trigger: String, resumed: Bool)
        /// A run ended failed or cancelled.
        case runEnded(runID: String, workflowID: String, status: String, error: String?)
    }

    /// What follows a problem of `runnel.yaml` in the log.
    public nonisolated static let settingsNote = " (runnel.yaml is not applied: the last valid settings stay in force)"

    /// Stops for a shutdown (after ``run(_:)`` has returned): running steps may end within
    /// `grace`, the rest are left to resume at the next start; the state is saved.
    /// Returns the ids of the runs left unfinished.
    public func shutdown(grace: Duration) async -> [String] {
        let unfinished = await engine.shutdown(grace: grace)
        // The records' snapshots catch up with their logs, for readers of the files.
        try? await store.flush()
        try? save()
        return unfinished
    }

    /// Runs until the task is cancelled: reads the branch tip when inotify sees the refs
    /// change (and every `pollInterval` as a fallback), reconciles when it moved, and fires
    /// each schedule when it is due. In mirror mode it first fetches the remote branch when
    /// the fetch interval has passed or a push hook asked for it.
    public func run(_ report: @Sendable (Activity) -> Void) async {
        let wakeup = self.wakeup
        let watcher = RefWatcher(gitDirectory: repository.commonDirectory, branch: configuration.branch) {
            Task { await wakeup.signal() }
        }
        defer { watcher?.stop() }
        while !Task.isCancelled {
            if let problem = await fetchIfDue() { report(.failed(problem)) }
            for activity in loopProblems.take() { report(activity) }
            do {
                if let changes = try await reconcile(), let commit = activeCommit {
                    report(.reconciled(commit: commit, changes))
                    for problem in settingsProblems { report(.failed(problem + Self.settingsNote)) }
                }
            } catch {
                report(.failed("\(error)"))
            }
            let fired = await fireDueSchedules(now: Date())
            if !fired.isEmpty { report(.scheduled(fired)) }
            if let problem = await pruneIfDue(now: Date()) { report(.failed(problem)) }
            let poll = Date().addingTimeInterval(configuration.pollInterval.seconds)
            let wake = [nextWake(), nextFetchDue, poll].compactMap { $0 }.min() ?? poll
            let delay = max(0, wake.timeIntervalSinceNow)
            let signalled = await withTaskCancellationHandler {
                await wakeup.wait(for: .microseconds(Int64(delay * 1_000_000) + 200))
            } onCancel: {
                Task { await wakeup.signal() }
            }
            // A push is a burst of ref writes: let it settle before reading the tip (but never
            // past a schedule that is due: a timer's wake-up doesn't wait).
            if signalled {
                let settle = min(0.02, max(0, (nextWake() ?? .distantFuture).timeIntervalSinceNow))
                if settle > 0 { try? await Task.sleep(for: .microseconds(Int64(settle * 1_000_000))) }
            }
        }
    }
}
