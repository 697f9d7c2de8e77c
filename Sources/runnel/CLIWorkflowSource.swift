import Foundation
import RunnelCore
import RunnelEngine
import RunnelGit

/// Where `runnel run` and `runnel resume` find definitions: a run pinned to a commit (`--at`)
/// reads the workflow as it was at that commit, through git; any other from the work tree.
struct CLIWorkflowSource: WorkflowSource {
    /// The repository's work tree.
    let root: String

    func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow {
        guard let commit else { return try await FolderWorkflowSource(root: root).workflow(id: id, commit: nil) }
        do {
            let context = try GitContext(repo: root, branch: nil, state: nil)
            let resolved = try context.repository.resolve(commit)
            guard let file = try context.file(of: id, at: resolved) else {
                throw EngineError(.notFound, "workflow '\(id)' does not exist at \(commit) (\(resolved.short))")
            }
            // Its version: the newest one made at or before the commit, on the current branch.
            let versions = (try? context.versions(of: id).versions) ?? []
            let version = versions.last { $0.commit == resolved || (try? context.repository.isAncestor($0.commit, of: resolved)) == true }
            return try PinnedWorkflow.load(id: id, path: file.path, bytes: file.bytes, commit: resolved.hex, version: version?.number)
        } catch let error as GitError {
            throw EngineError(.notFound, error.message)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.notFound, String(describing: error))
        }
    }

    func files(under folder: String, commit: String?) async throws(EngineError) -> [RepositoryFile] {
        guard let commit else { return FolderWorkflowSource.files(under: folder, root: root) }
        do {
            let context = try GitContext(repo: root, branch: nil, state: nil)
            let resolved = try context.repository.resolve(commit)
            return try context.repository.files(in: resolved, under: folder).map { file in
                RepositoryFile(path: file.path, bytes: try context.repository.blob(file.blob, path: file.path))
            }
        } catch let error as GitError {
            throw EngineError(.notFound, error.message)
        } catch {
            throw EngineError(.notFound, String(describing: error))
        }
    }
}
