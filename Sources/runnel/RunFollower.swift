import Foundation
import RunnelEngine

/// Follows a run in the foreground: shows its events as they are recorded, cancels it on
/// Ctrl-C, and returns its final record.
struct RunFollower {
    let engine: Engine
    let json: Bool

    /// Shows the run's events after `after` (a resumed run's new events only) until it ends.
    @MainActor
    func follow(_ runID: String, after: Int = 0) async throws -> RunRecord {
        let interrupt = Interrupt { [engine] in
            Task { await engine.cancel(runID, RunStop(by: "cli", reason: "interrupted (Ctrl-C)")) }
        }
        defer { withExtendedLifetime(interrupt) {} }
        if !json {
            let progress = RunProgress()
            let ticker = Task { @MainActor in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    progress.tick()
                }
            }
            for await event in await engine.events(runID, after: after) { progress.show(event) }
            ticker.cancel()
        }
        guard let final = await engine.wait(runID) else {
            throw CLIError(description: "the record of run \(runID) is gone", exitStatus: 1)
        }
        return final
    }
}
