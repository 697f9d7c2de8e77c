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
    /// The most runs running at once.
    public var maxConcurrentRuns: Int
    /// The address people reach the API at, for the links in approval notifications.
    public var publicURL: String

    /// Creates a configuration.
    public init(repository: String, branch: String = "main", state: String, pollInterval: Duration = .seconds(1),
                maxConcurrentRuns: Int = 10, publicURL: String = "http://127.0.0.1:8080") {
        self.repository = repository
        self.branch = branch
        self.state = state
        self.pollInterval = pollInterval
        self.maxConcurrentRuns = maxConcurrentRuns
        self.publicURL = publicURL
    }
}
