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
            stoppedBy = nil
        case .stepStarted, .stepCompleted, .stepFailed, .stepCancelled, .stepRetrying, .stepSkipped:
            upsertStep(event.stepID) { $0.apply(event) }
        case .runAwaitingApproval:
            status = .awaitingApproval
        case .agentTurn, .toolCall, .toolResult, .approvalRecorded, .runInterrupted, .stepProcess, .stepLog:
            break
        case .approvalDecided:
            if status == .awaitingApproval { status = .running }
        case .runPaused:
            status = .paused
            stoppedBy = event.data?["by"]?.stringValue
            error = event.error
        case .runSkipped:
            status = .skipped
            completedAt = event.time
            error = event.error
        case .runCompleted, .runFailed, .runCancelled:
            status = event.kind == .runCompleted ? .completed : event.kind == .runFailed ? .failed : .cancelled
            completedAt = event.time
            if let startedAt { durationSeconds = event.time.timeIntervalSince(startedAt) }
            if event.kind == .runCancelled {
                stoppedBy = event.data?["by"]?.stringValue
            } else if let outputs = event.data?.objectValue {
                self.outputs = outputs
            }
            error = event.error
        }
    }

    private mutating func upsertStep(_ id: String?, _ change: (inout StepRun) -> Void) {
        guard let id else { return }
        if let index = stepRuns.lastIndex(where: { $0.stepID == id }) {
            change(&stepRuns[index])
        } else {
            var step = StepRun(pending: id)
            change(&step)
            stepRuns.append(step)
        }
    }
}

extension StepRun {
    /// A step that has no event yet.
    init(pending id: String) { self.init(stepID: id, status: .pending, attempt: 0) }

    /// Applies one of the step's events (`step_*` kinds; others change nothing).
    mutating func apply(_ event: RunEvent) {
        switch event.kind {
        case .stepStarted:
            self = StepRun(stepID: stepID, status: .running, attempt: event.attempt ?? attempt + 1, startedAt: event.time)
        case .stepCompleted, .stepFailed, .stepCancelled:
            status = event.kind == .stepCompleted ? .completed : event.kind == .stepFailed ? .failed : .cancelled
            output = event.data
            error = event.error
            completedAt = event.time
            if let attempt = event.attempt { self.attempt = attempt }
            if let startedAt { durationSeconds = event.time.timeIntervalSince(startedAt) }
        case .stepRetrying:
            status = .pending
            error = event.error
            output = event.data
            completedAt = event.time
        case .stepSkipped:
            self = StepRun(stepID: stepID, status: .skipped, attempt: 0, error: event.error)
        default:
            break
        }
    }
}
