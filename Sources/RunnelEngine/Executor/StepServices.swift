import Foundation
import RunnelCore

/// What a step runner may ask of the run it belongs to while it runs: events recorded as
/// they happen, a person's decision, child runs, and the repository's files at the run's
/// commit. The executor fills it in; agent steps use it.
struct StepServices: Sendable {
    let store: any RunStore
    let host: any ExecutorHost
    /// The run's workflow (its `tools:` and `agent:`).
    let workflow: Workflow
    /// The commit the run is pinned to.
    let commit: String?
    let masker: SecretMasker

    /// Appends `event` (secrets masked) to the run's log.
    func record(_ event: RunEvent, runID: String) async {
        var event = event
        event.data = event.data.map(masker.mask)
        event.error = event.error.map(masker.mask)
        _ = try? await store.append(event, to: runID)
    }
}
