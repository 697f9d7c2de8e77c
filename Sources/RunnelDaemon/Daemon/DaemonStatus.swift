public import Foundation

/// What a daemon last saved, for `runnel status`: readable while it runs.
public struct DaemonStatus: Sendable {
    /// One workflow.
    public struct Workflow: Sendable {
        /// Its id.
        public var id: String
        /// `invalid`, or its active version's status.
        public var state: String
        /// The commit of the version that runs.
        public var validCommit: String?
        /// The newest file's errors, as `file:line:col: message [rule]`.
        public var errors: [String]
    }

    /// The commit the daemon runs.
    public var activeCommit: String?
    /// The workflows, sorted by id.
    public var workflows: [Workflow]
    /// Each schedule's last handled slot time, by `workflow#schedule`.
    public var schedules: [String: Date]
    /// The problems of `runnel.yaml` at the tip (the last valid settings stay in force).
    public var settingsProblems: [String] = []
    /// A commit the daemon could not reconcile, and why (`commit: problem`).
    public var invalidCommit: String?
    /// What the active workflows need and don't have (an undefined webhook secret).
    public var runtimeProblems: [String] = []

    /// Reads the status saved in `state`.
    /// - Throws: when the folder holds no daemon state or it can't be read.
    public static func read(state: String) throws -> DaemonStatus {
        guard FileManager.default.fileExists(atPath: DaemonState.path(in: state)) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: DaemonState.path(in: state)])
        }
        let saved = try DaemonState.load(from: state)
        return DaemonStatus(activeCommit: saved.activeCommit, workflows: saved.workflows.sorted { $0.id < $1.id }.map { item in
            Workflow(id: item.id, state: item.state, validCommit: item.validCommit,
                     errors: item.errors.map { "\($0.file):\($0.line):\($0.column): \($0.message) [\($0.rule)]" })
        }, schedules: ScheduleLedger.load(state: state, saved: saved), settingsProblems: saved.settingsProblems ?? [],
           invalidCommit: saved.invalidCommit.map { "\($0.commit.prefix(7)): \($0.problem)" },
           runtimeProblems: saved.runtimeProblems ?? [])
    }
}
