import Foundation
import RunnelCore
import RunnelGit

/// An open repository, its branch and the history index: what the git commands work on.
struct GitContext {
    let repository: GitRepository
    let indexer: HistoryIndexer
    /// The branch, or `nil` when HEAD is detached and no `--branch` was given.
    let branch: String?
    /// The branch's tip (or the detached HEAD commit); `nil` on a branch with no commit.
    let tip: ObjectID?

    init(_ options: RepositoryOptions) throws(GitError) {
        try self.init(repo: options.repo, branch: options.branch, state: options.state)
    }

    init(repo: String?, branch: String?, state: String?) throws(GitError) {
        repository = try GitRepository.discover(from: repo ?? FileManager.default.currentDirectoryPath)
        indexer = HistoryIndexer(repository: repository, stateDirectory: state)
        if let name = branch {
            guard let tip = try repository.branchTip(name) else {
                throw GitError(.revisionNotFound, "no branch '\(name)' in \(repository.workTree ?? repository.gitDirectory)")
            }
            self.branch = name
            self.tip = tip
        } else if let name = repository.headBranch {
            self.branch = name
            tip = try repository.branchTip(name)
        } else {
            self.branch = nil
            tip = try repository.headCommit()
        }
    }

    /// The name of the history line: the branch, or `HEAD` when detached.
    var line: String { branch ?? "HEAD" }

    /// The branch for a command that commits; detached HEAD is refused.
    func writableBranch() throws(GitError) -> (name: String, tip: ObjectID) {
        guard let branch else { throw GitError(.invalidArgument, "HEAD is detached; name the branch to commit on with --branch") }
        guard let tip else { throw GitError(.revisionNotFound, "branch '\(branch)' has no commit yet") }
        return (branch, tip)
    }

    /// The history index at the tip, brought up to date.
    func index() throws(GitError) -> HistoryIndex {
        try indexer.index(line: line, tip: tip)
    }

    /// The file path a workflow argument names: a path (`workflows/data/etl.yaml`) as given,
    /// an id (`data/etl`) as the `.yaml` or `.yml` file the index knows.
    static func candidatePaths(_ workflow: String) -> [String] {
        var name = workflow
        while name.hasPrefix("./") { name.removeFirst(2) }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            return name.hasPrefix("workflows/") ? [name] : [name, "workflows/" + name]
        }
        return ["workflows/\(name).yaml", "workflows/\(name).yml"]
    }

    /// Refuses a workflow argument that is not a safe id or path (`..`, absolute paths,
    /// control characters), with the id checker's message.
    static func checkName(_ workflow: String) throws(GitError) {
        var id = workflow
        while id.hasPrefix("./") { id.removeFirst(2) }
        if id.hasPrefix("workflows/") { id.removeFirst("workflows/".count) }
        for ext in [".yaml", ".yml"] where id.hasSuffix(ext) { id.removeLast(ext.count) }
        if let problem = WorkflowID.problem(with: id) { throw GitError(.invalidArgument, problem) }
    }

    /// The versions of `workflow` (oldest first) and its path at the newest version.
    /// - Throws: when the branch never had such a workflow.
    func versions(of workflow: String) throws(GitError) -> (path: String, versions: [WorkflowVersion]) {
        try Self.checkName(workflow)
        let index = try index()
        let candidates = Self.candidatePaths(workflow)
        // Prefer the candidate whose newest version still exists.
        let found = candidates.map { ($0, index.versions(ofPath: $0)) }.filter { !$0.1.isEmpty }
        guard let best = found.first(where: { $0.1.last?.exists == true }) ?? found.first else {
            throw GitError(.pathNotFound, "no workflow '\(workflow)' in the history of \(line) (looked for \(candidates.joined(separator: ", ")))")
        }
        return best
    }

    /// The version numbered `number` of `workflow`.
    func version(_ number: Int, of workflow: String) throws(GitError) -> WorkflowVersion {
        let (_, versions) = try versions(of: workflow)
        guard number >= 1, number <= versions.count else {
            throw GitError(.revisionNotFound, "workflow '\(workflow)' has no version \(number) (it has \(versions.count))")
        }
        return versions[number - 1]
    }

    /// The file of `workflow` at a commit: its path and bytes, `nil` when it isn't there.
    func file(of workflow: String, at commit: ObjectID) throws(GitError) -> (path: String, bytes: [UInt8])? {
        try Self.checkName(workflow)
        for path in Self.candidatePaths(workflow) {
            if let bytes = try repository.file(at: path, in: commit) { return (path, bytes) }
        }
        // Renamed since? The newest version at or before `commit` names its path then.
        guard let (_, versions) = try? versions(of: workflow) else { return nil }
        for version in versions.reversed() where (try? repository.isAncestor(version.commit, of: commit)) == true {
            guard version.exists, let bytes = try repository.file(at: version.path, in: commit) else { return nil }
            return (version.path, bytes)
        }
        return nil
    }

    /// The content of `workflow` at `version` (a version number) or `revision`.
    /// - Throws: when the workflow does not exist there.
    func content(of workflow: String, version: Int?, revision: String?) throws(GitError) -> (path: String, bytes: [UInt8], label: String) {
        if let version {
            let v = try self.version(version, of: workflow)
            guard v.exists else {
                throw GitError(.pathNotFound, "workflow '\(workflow)' does not exist at version \(version) (deleted in \(v.commit.short))")
            }
            guard let bytes = try repository.file(at: v.path, in: v.commit) else {
                throw GitError(.pathNotFound, "workflow '\(workflow)' does not exist at version \(version)")
            }
            return (v.path, bytes, "version \(version)")
        }
        let commit: ObjectID
        if let revision {
            commit = try repository.resolve(revision)
        } else {
            guard let tip else { throw GitError(.revisionNotFound, "branch '\(line)' has no commit yet") }
            commit = tip
        }
        guard let file = try file(of: workflow, at: commit) else {
            throw GitError(.pathNotFound, "workflow '\(workflow)' does not exist at \(revision ?? line) (\(commit.short))")
        }
        return (file.path, file.bytes, revision ?? line)
    }
}

/// Runs a git command's body, turning a ``GitError`` into the CLI's one-line error (exit 1).
func reportingGitErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GitError {
        throw CLIError(description: error.message, exitStatus: 1)
    }
}

extension WorkflowVersion {
    /// `2026-03-01 10:00 +0100`, in the author's offset.
    var dateText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm Z"
        formatter.timeZone = TimeZone(secondsFromGMT: utcOffsetMinutes * 60) ?? TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }
}
