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
    /// The run's step that this attempt belongs to (a loop's items log under the loop step).
    let stepID: String
    /// The attempt.
    let attempt: Int

    /// Appends `event` (secrets masked) to the run's log; a cancelled step records nothing more
    /// (the executor records how it ended).
    func record(_ event: RunEvent, runID: String) async {
        guard !Task.isCancelled else { return }
        var event = event
        event.data = event.data.map(masker.mask)
        event.error = event.error.map(masker.mask)
        await store.appendOrLog(event, to: runID)
        let lines = StepLog.agentLines(event)
        if !lines.isEmpty {
            let log = log(runID: runID)
            for line in lines { log.write(.agent, line) }
            await log.flush()
        }
    }

    /// A log for this attempt's lines.
    func log(runID: String) -> StepLog {
        StepLog(store: store, runID: runID, stepID: stepID, attempt: attempt, masker: masker)
    }

    /// Records a process a script of this attempt started, before the script may run: the
    /// event is written (no sync: a crash of the machine ends the process too) so that a
    /// restarted runner finds the process and ends it before the step runs again.
    func recordProcess(_ process: ProcessIdentity, runID: String) async {
        let event = RunEvent(.stepProcess, time: Date(), stepID: stepID, attempt: attempt, data: process.json)
        await store.appendOrLog(event, to: runID)
    }
}
