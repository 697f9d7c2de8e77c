public import RunnelCore

/// The daemon's registry as readers see it: an immutable value, replaced as a whole after
/// each reconcile. The API, the dashboard, the engine and the triggers read the last one and
/// never wait on a reconcile in progress.
public struct WorkflowSnapshot: Sendable {
    /// Which snapshot this is: the publisher numbers each one it publishes, from 1 (0: none
    /// published yet), so a reader can tell a new snapshot from the one it cached against.
    public internal(set) var generation = 0
    /// The commit the snapshot reflects.
    public var activeCommit: String?
    /// The workflows by id.
    public var workflows: [String: WorkflowEntry] = [:]
    /// The settings in force: `runnel.yaml` at its last valid commit (defaults when none).
    public var settings = RepositorySettings()
    /// The problems of `runnel.yaml` at the branch tip (the settings in force are then older).
    public var settingsProblems: [String] = []
    /// A commit that could not be reconciled, and why (the workflows are those of ``activeCommit``).
    public var invalidCommit: InvalidCommit?
    /// The commit being reconciled now, when a reconcile is in progress.
    public var reconciling: String?
    /// Problems found with what the active workflows need at run time (an undefined webhook secret).
    public var runtimeProblems: [String] = []
    /// The registry the workflows come from (for the writer's and the drafts' validation).
    var registry = Registry()
    /// The workflows with event triggers and with `on.workflow` triggers (so that an event or
    /// a finished run doesn't look at every workflow).
    var eventWorkflows: [String] = []
    var chainWorkflows: [String] = []

    /// A commit the daemon refused as a whole.
    public struct InvalidCommit: Sendable, Equatable {
        /// The commit id.
        public var commit: String
        /// Why it was not activated.
        public var problem: String
    }

    /// An empty snapshot (nothing reconciled yet).
    public init() {}
}
