public import RunnelEngine

/// Settings of a daemon.
public struct DaemonConfiguration: Sendable {
    /// The repository watched: a work tree or a bare repository.
    public var repository: String
    /// The branch watched.
    public var branch: String
    /// The state folder: run records, the daemon's state, locks.
    public var state: String
    /// How often the branch tip is read when nothing else wakes the daemon.
    public var pollInterval: Duration
    /// The most runs running at once; nil: `max_concurrent_runs` of `runnel.yaml`, else 10.
    public var maxConcurrentRuns: Int?

    /// Mirror mode: the repository (URL or path) whose branch is fetched into ``repository``
    /// (a bare mirror, created when absent) every ``fetchInterval`` and on `POST /hooks/git`.
    public var remote: String?
    /// How often the remote is fetched in mirror mode.
    public var fetchInterval: Duration = .seconds(30)
    /// Mirror mode: the name of the secret that signs `POST /hooks/git` (GitHub's
    /// `X-Hub-Signature-256` HMAC, or GitLab's `X-Gitlab-Token`).
    public var gitHookSecret: String?

    /// The address people reach the API at, for the links in approval notifications.
    public var publicURL: String
    /// The key that signs approval links, when it comes from elsewhere (cluster mode: the
    /// database's, shared by every node); nil: `<state>/approval-key`.
    public var approvalKey: ApprovalKey?

    /// Creates a configuration.
    public init(repository: String, branch: String = "main", state: String, pollInterval: Duration = .seconds(1),
                maxConcurrentRuns: Int? = nil, publicURL: String = "http://127.0.0.1:8080") {
        self.repository = repository
        self.branch = branch
        self.state = state
        self.pollInterval = pollInterval
        self.maxConcurrentRuns = maxConcurrentRuns
        self.publicURL = publicURL
    }
}
