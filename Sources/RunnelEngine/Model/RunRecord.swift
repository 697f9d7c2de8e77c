public import Foundation
public import RunnelCore

/// One run, as written to `<state>/runs/<workflow-id>/<run-id>.json`.
public struct RunRecord: Sendable, Hashable, Codable {
    /// Time-sortable id (see ``RunID``).
    public var id: String
    /// The workflow's id.
    public var workflowID: String
    /// The workflow's version number at `commit`, when known.
    public var workflowVersion: Int?
    /// The commit the run is pinned to, when the workflow came from git.
    public var commit: String?
    /// Lifecycle status.
    public var status: RunStatus
    /// What started the run.
    public var trigger: RunTrigger
    /// The inputs after defaults were applied.
    public var inputs: [String: JSONValue]
    /// When the run was created.
    public var createdAt: Date
    /// When it first started running.
    public var startedAt: Date?
    /// When it ended.
    public var completedAt: Date?
    /// Running time, `completedAt - startedAt`.
    public var durationSeconds: Double?
    /// One entry per step that has started (and per skipped step), in start order.
    public var stepRuns: [StepRun]
    /// The run's outputs once completed.
    public var outputs: [String: JSONValue]?
    /// Why the run failed, was cancelled or paused.
    public var error: String?
    /// Who cancelled or paused the run (an API key's name, `cli`, `runnel`).
    public var stoppedBy: String?
    /// The id of the last event of the run's log applied to this record.
    public var lastEventID: Int

    enum CodingKeys: String, CodingKey {
        case id, status, trigger, inputs, commit, outputs, error
        case lastEventID = "last_event_id"
        case stoppedBy = "stopped_by"
        case workflowID = "workflow_id"
        case workflowVersion = "workflow_version"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case durationSeconds = "duration_seconds"
        case stepRuns = "step_runs"
    }

    /// A new queued run.
    public init(id: String, workflowID: String, workflowVersion: Int? = nil, commit: String? = nil,
                trigger: RunTrigger, inputs: [String: JSONValue], createdAt: Date) {
        self.id = id
        self.workflowID = workflowID
        self.workflowVersion = workflowVersion
        self.commit = commit
        self.status = .queued
        self.trigger = trigger
        self.inputs = inputs
        self.createdAt = createdAt
        self.stepRuns = []
        self.lastEventID = 0
    }

    /// The latest entry of step `id`.
    public func stepRun(_ id: String) -> StepRun? {
        stepRuns.last { $0.stepID == id }
    }
}

/// One step's execution within a run (the latest attempt).
public struct StepRun: Sendable, Hashable, Codable {
    /// The step's id.
    public var stepID: String
    /// Its status.
    public var status: StepStatus
    /// 1-based attempt number (0 for a skipped step).
    public var attempt: Int
    /// What it produced.
    public var output: JSONValue?
    /// Why it failed, was skipped or cancelled.
    public var error: String?
    /// When the latest attempt started.
    public var startedAt: Date?
    /// When it ended.
    public var completedAt: Date?
    /// Time of the latest attempt.
    public var durationSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case status, attempt, output, error
        case stepID = "step_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case durationSeconds = "duration_seconds"
    }

    /// Creates a step run.
    public init(stepID: String, status: StepStatus, attempt: Int, output: JSONValue? = nil, error: String? = nil,
                startedAt: Date? = nil, completedAt: Date? = nil) {
        self.stepID = stepID
        self.status = status
        self.attempt = attempt
        self.output = output
        self.error = error
        self.startedAt = startedAt
        self.completedAt = completedAt
        if let startedAt, let completedAt { durationSeconds = completedAt.timeIntervalSince(startedAt) }
    }
}

/// What started a run.
public struct RunTrigger: Sendable, Hashable, Codable {
    /// `manual`, `schedule`, `event`, `webhook`, `workflow` or `resume`.
    public var type: String
    /// Details: the schedule slot, the event, the parent run…
    public var details: [String: JSONValue]

    /// Creates a trigger.
    public init(type: String, details: [String: JSONValue] = [:]) {
        self.type = type
        self.details = details
    }

    /// A run started by hand (CLI or API).
    public static let manual = RunTrigger(type: "manual")
}
