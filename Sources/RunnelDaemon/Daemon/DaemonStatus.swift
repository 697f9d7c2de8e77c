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
    /// The problems of `runnel.yaml` (a file with problems counts as absent).
    public var settingsProblems: [String] = []

    /// Reads the status saved in `state`.
    /// - Throws: when the folder holds no daemon state or it can't be read.
    public static func read(state: String) throws -> DaemonStatus {
        guard FileManager.default.fileExists(atPath: DaemonState.path(in: state)) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: DaemonState.path(in: state)])
        }
        let saved = try DaemonState.load(from: state)
        return DaemonStatus(activeCommit: saved.activeCommit, workflows: saved.workflows.map { item in
            Workflow(id: item.id, state: item.state, validCommit: item.validCommit,
                     errors: item.errors.map { "\($0.file):\($0.line):\($0.column): \($0.message) [\($0.rule)]" })
        }, schedules: saved.schedules, settingsProblems: saved.settingsProblems ?? [])
    }
}
