public import Foundation
public import RunnelCore

/// One change of a run, appended to the run's event log (`<run-id>.events.jsonl`).
///
/// The log is the run's write-ahead log: every event is on disk before the engine acts on
/// it, and applying the events in order to a new record rebuilds the record exactly. Event
/// ids count from 1 per run; a stream replays from any id (`Last-Event-ID`).
public struct RunEvent: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case runCreated = "run_created"
        case runStarted = "run_started"
        case stepStarted = "step_started"
        case stepCompleted = "step_completed"
        case stepFailed = "step_failed"
        case stepRetrying = "step_retrying"
        case stepSkipped = "step_skipped"
        case stepCancelled = "step_cancelled"
        case runAwaitingApproval = "run_awaiting_approval"
        case approvalRecorded = "approval_recorded"
        case approvalDecided = "approval_decided"
        /// An agent step's model answered (data: turn, content, tool_calls, usage).
        case agentTurn = "agent_turn"
        /// An agent step calls a tool (data: turn, call_id, tool, arguments).
        case toolCall = "tool_call"
        /// A tool call's result (data: call_id, tool, ok, result or error).
        case toolResult = "tool_result"
        /// A script of a step started (data: pid, start_ticks, boot_id): its session, which
        /// recovery terminates before the step runs again.
        case stepProcess = "step_process"
        /// Lines a step logged (data: lines). Carried on event streams only, never in the
        /// event log: a run's logs are kept by ``RunStore/appendLog(_:to:)``.
        case stepLog = "step_log"
        case runPaused = "run_paused"
        case runResumed = "run_resumed"
        case runCompleted = "run_completed"
        case runFailed = "run_failed"
        case runCancelled = "run_cancelled"
        case runSkipped = "run_skipped"
        /// The process stopped while the run was unfinished; it resumes at the next start.
        case runInterrupted = "run_interrupted"
    }

    /// 1-based position in the run's log.
    public var id: Int
    /// What happened.
    public var kind: Kind
    /// When.
    public var time: Date
    /// The step concerned, for step events.
    public var stepID: String?
    /// The attempt concerned, for step events.
    public var attempt: Int?
    /// Output of a step, outputs of a run, the record of a created run, a decision…
    public var data: JSONValue?
    /// Why a step or run failed, was skipped or cancelled.
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, time, attempt, data, error
        case kind = "type"
        case stepID = "step_id"
    }

    /// Creates an event (the store assigns `id`).
    public init(_ kind: Kind, time: Date, stepID: String? = nil, attempt: Int? = nil, data: JSONValue? = nil, error: String? = nil) {
        self.id = 0
        self.kind = kind
        self.time = time
        self.stepID = stepID
        self.attempt = attempt
        self.data = data
        self.error = error
    }
}
