import Foundation
import RunnelCore

extension RunRecord {
    /// Applies one event of the run's log (events are applied in id order).
    public mutating func apply(_ event: RunEvent) {
        switch event.kind {
        case .runCreated:
            break
        case .runStarted:
            status = .running
            if startedAt == nil { startedAt = event.time }
        case .runResumed:
            status = .running
            completedAt = nil
            durationSeconds = nil
            error = nil
        case .stepStarted:
            upsertStep(event.stepID) { step in
                step = StepRun(stepID: step.stepID, status: .running, attempt: event.attempt ?? step.attempt + 1, startedAt: event.time)
            }
        case .stepCompleted, .stepFailed, .stepCancelled:
            let status: StepStatus = event.kind == .stepCompleted ? .completed : event.kind == .stepFailed ? .failed : .cancelled
            upsertStep(event.stepID) { step in
                step.status = status
                step.output = event.data
                step.error = event.error
                step.completedAt = event.time
                if let attempt = event.attempt { step.attempt = attempt }
                if let started = step.startedAt { step.durationSeconds = event.time.timeIntervalSince(started) }
            }
        case .stepRetrying:
            upsertStep(event.stepID) { step in
                step.status = .pending
                step.error = event.error
                step.output = event.data
                step.completedAt = event.time
            }
        case .stepSkipped:
            upsertStep(event.stepID) { step in
                step = StepRun(stepID: step.stepID, status: .skipped, attempt: 0, error: event.error)
            }
        case .runAwaitingApproval:
            status = .awaitingApproval
        case .approvalDecided:
            break
        case .runPaused:
            status = .paused
        case .runSkipped:
            status = .skipped
            completedAt = event.time
            error = event.error
        case .runCompleted, .runFailed, .runCancelled:
            status = event.kind == .runCompleted ? .completed : event.kind == .runFailed ? .failed : .cancelled
            completedAt = event.time
            if let startedAt { durationSeconds = event.time.timeIntervalSince(startedAt) }
            if let outputs = event.data?.objectValue { self.outputs = outputs }
            error = event.error
        }
    }

    private mutating func upsertStep(_ id: String?, _ change: (inout StepRun) -> Void) {
        guard let id else { return }
        if let index = stepRuns.lastIndex(where: { $0.stepID == id }) {
            change(&stepRuns[index])
        } else {
            var step = StepRun(stepID: id, status: .pending, attempt: 0)
            change(&step)
            stepRuns.append(step)
        }
    }
}
