import RunnelCore
import RunnelEngine
import RunnelGit

/// The engine's source of definitions in the daemon: child runs read the active version of
/// a workflow from the last snapshot, resumed runs the commit they were pinned to (through a
/// repository handle of their own).
struct DaemonWorkflowSource: WorkflowSource {
    let snapshots: SnapshotPublisher
    let repository: String

    func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow {
        let entry = snapshots.current.workflows[id]
        guard let commit else {
            guard let entry, let version = entry.active else {
                throw EngineError(.notFound, "workflow '\(id)' is not active (\(entry?.state ?? "no such workflow"))")
            }
            return version.pinned
        }
        if let version = entry?.active, version.commit == commit {
            return version.pinned
        }
        // An older pinned commit: read the file as it was then.
        do {
            let git = try GitRepository(path: repository)
            guard let resolved = ObjectID(hex: commit) else { throw EngineError(.notFound, "'\(commit)' is not a commit id") }
            for path in [entry?.path, "workflows/\(id).yaml", "workflows/\(id).yml"].compactMap({ $0 }) {
                if let bytes = try git.file(at: path, in: resolved) {
                    return try PinnedWorkflow.load(id: id, path: path, bytes: bytes, commit: commit)
                }
            }
            throw EngineError(.notFound, "workflow '\(id)' does not exist at \(resolved.short)")
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.notFound, "\(error)")
        }
    }

    func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile] {
        guard let commit, let resolved = ObjectID(hex: commit) else {
            throw EngineError(.notFound, "the run has no commit to read '\(folder)' at")
        }
        do {
            let git = try GitRepository(path: repository)
            return try git.files(in: resolved, under: folder).map { file throws(GitError) in
                RepositoryFile(path: file.path, bytes: try git.blob(file.blob, path: file.path))
            }
        } catch {
            throw EngineError(.notFound, "cannot read '\(folder)' at \(resolved.short): \(error)")
        }
    }
}
