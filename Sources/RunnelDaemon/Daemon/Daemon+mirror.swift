public import Foundation
import RunnelGit

extension Daemon {
    /// Whether the daemon mirrors a remote (and refuses writes: they belong to the remote).
    public nonisolated var isMirror: Bool { configuration.remote != nil }

    /// The name of the secret that signs `POST /hooks/git`, in mirror mode.
    public nonisolated var gitHookSecret: String? { configuration.gitHookSecret }

    /// The branch the daemon watches.
    public nonisolated var branch: String { configuration.branch }

    /// Asks for a fetch of the remote at once (a push hook came); requests that come while
    /// one is pending are one fetch.
    public func requestFetch() async {
        fetchRequested = true
        await wakeup.signal()
    }

    /// Fetches the remote branch into the mirror when it is due (or was asked for). The
    /// network call runs off the actor, on a repository object of its own.
    /// Returns the problem when the fetch failed.
    func fetchIfDue(now: Date = Date()) async -> String? {
        guard let remote = configuration.remote, fetchRequested || now >= nextFetch else { return nil }
        fetchRequested = false
        nextFetch = now.addingTimeInterval(configuration.fetchInterval.seconds)
        let path = configuration.repository, branch = configuration.branch
        let result = await Task.detached { () -> String? in
            do {
                try GitRepository(path: path).mirror(branch: branch, from: remote)
                return nil
            } catch {
                return "cannot fetch \(branch) from \(remote): \(error)"
            }
        }.value
        fetchProblem = result
        return result
    }

    /// When the next scheduled fetch is due (mirror mode).
    var nextFetchDue: Date? { configuration.remote == nil ? nil : nextFetch }
}
