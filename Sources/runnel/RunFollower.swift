import Foundation
import RunnelEngine

/// Follows a run in the foreground: shows its events as they are recorded, cancels it on
/// Ctrl-C, and returns its final record.
struct RunFollower {
    let engine: Engine
    let store: FileRunStore
    let json: Bool

    /// Shows the run's events after `after` (a resumed run's new events only) until it ends.
    @MainActor
    func follow(_ runID: String, after: Int = 0) async throws -> RunRecord {
        let interrupt = Interrupt { [engine] in
            Task { await engine.cancel(runID) }
        }
        defer { withExtendedLifetime(interrupt) {} }
        if !json {
            let progress = RunProgress()
            // Subscribe first, then replay what was recorded before: nothing is missed, and
            // events seen twice are shown once.
            let stream = await engine.events(runID)
            var ended = false
            for event in (try? await store.events(of: runID, after: after)) ?? [] where progress.show(event) { ended = true }
            if !ended {
                let ticker = Task { @MainActor in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(500))
                        progress.tick()
                    }
                }
                for await event in stream where progress.show(event) { break }
                ticker.cancel()
            }
        }
        guard let final = await engine.wait(runID) else {
            throw CLIError(description: "the record of run \(runID) is gone", exitStatus: 1)
        }
        return final
    }
}
