public import Logging

/// What the daemon's services log: constant messages (one per kind of event) with their
/// values in `runnel.*` metadata. `runnel serve` renders them as its documented lines
/// (docs/daemon.md#the-log); a test reads them through a capturing handler.
public enum DaemonLog: String, Sendable, CaseIterable {
    /// A new commit was reconciled: `runnel.commit`, and the lists `runnel.activated`,
    /// `runnel.kept_previous`, `runnel.invalid`, `runnel.deleted`, `runnel.renamed`.
    case reconciled = "commit reconciled"
    /// A problem of background work (`runnel.problem`; error level).
    case problem = "problem"
    /// `runnel.yaml` has problems (`runnel.problem`); the last valid settings stay in force.
    case settingsProblem = "settings not applied"
    /// A schedule slot started a run: `runnel.run_id`, `runnel.workflow_id`, `runnel.slot`.
    case scheduleFired = "schedule fired"
    /// A schedule slot did not run: `runnel.workflow_id`, `runnel.slot`, `runnel.reason`.
    case scheduleSkipped = "schedule slot skipped"
    /// A run started other than by a schedule: `runnel.run_id`, `runnel.workflow_id`, `runnel.trigger`.
    case runStarted = "run started"
    /// A run was resumed (at start, or through the API): as ``runStarted``.
    case runResumed = "run resumed"
    /// A run ended failed or cancelled: `runnel.run_id`, `runnel.workflow_id`, `runnel.status`, `runnel.error`.
    case runEnded = "run ended"
    /// The daemon stopped: `runnel.unfinished`, the runs that resume at the next start.
    case stopped = "stopped"

    /// What follows a problem of `runnel.yaml` in a log line.
    public static let settingsNote = " (runnel.yaml is not applied: the last valid settings stay in force)"

    /// The message logged.
    public var message: Logger.Message { Logger.Message(stringLiteral: rawValue) }

    /// The kind of a logged message, when it is one of these.
    public init?(_ message: Logger.Message) {
        self.init(rawValue: message.description)
    }
}

/// The metadata keys the services log with.
public enum LogKey {
    public static let commit = "runnel.commit"
    public static let problem = "runnel.problem"
    public static let runID = "runnel.run_id"
    public static let workflowID = "runnel.workflow_id"
    public static let trigger = "runnel.trigger"
    public static let slot = "runnel.slot"
    public static let reason = "runnel.reason"
    public static let status = "runnel.status"
    public static let error = "runnel.error"
    public static let unfinished = "runnel.unfinished"
    public static let activated = "runnel.activated"
    public static let keptPrevious = "runnel.kept_previous"
    public static let invalid = "runnel.invalid"
    public static let deleted = "runnel.deleted"
    public static let renamed = "runnel.renamed"
}

extension Logger {
    /// Logs `event` with `metadata` at `level`.
    func log(_ event: DaemonLog, _ level: Logger.Level = .info, _ metadata: Logger.Metadata = [:]) {
        log(level: level, event.message, metadata: metadata)
    }

    /// Logs a problem of background work (error level), its description in `runnel.problem`.
    func problem(_ description: String, _ metadata: Logger.Metadata = [:]) {
        log(level: .error, DaemonLog.problem.message, metadata: metadata.merging([LogKey.problem: .string(description)]) { $1 })
    }
}

extension Logger.MetadataValue {
    /// The value as text: a list's items joined by ", ", a dictionary's as `key: value`.
    public var text: String {
        switch self {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let items): items.map(\.text).joined(separator: ", ")
        case .dictionary(let members): members.keys.sorted().map { "\($0): \(members[$0]?.text ?? "")" }.joined(separator: ", ")
        }
    }
}

extension ReconcileReport {
    /// The report as log metadata (each list sorted).
    func metadata(commit: String) -> Logger.Metadata {
        func list(_ items: [String]) -> Logger.MetadataValue { .array(items.sorted().map { .string($0) }) }
        return [LogKey.commit: .string(commit), LogKey.activated: list(activated), LogKey.keptPrevious: list(keptPrevious),
                LogKey.invalid: list(invalid), LogKey.deleted: list(deleted),
                LogKey.renamed: .array(renamed.map { .string("\($0.from) → \($0.to)") })]
    }
}
