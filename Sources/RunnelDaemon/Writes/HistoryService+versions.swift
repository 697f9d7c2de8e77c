public import Foundation
public import RunnelCore
import Logging
import RunnelGit

extension HistoryService {
    /// One version of a workflow: the Nth first-parent commit of the branch that changed its file.
    public struct Version: Sendable {
        /// 1-based.
        public var number: Int
        public var commit: String
        public var path: String
        public var author: String
        public var date: Date
        public var subject: String
        /// False for the commit that deleted the file.
        public var exists: Bool
    }

    /// The versions of workflow `id`, oldest first (renames followed), from the history index
    /// kept in the state folder.
    /// - Throws: `.notFound` when the branch never had such a workflow.
    public func versions(of id: String) throws(WriteError) -> [Version] {
        let index: HistoryIndex
        do {
            index = try HistoryIndexer(repository: repository, stateDirectory: configuration.state + "/history").index(branch: configuration.branch)
        } catch {
            throw WriteError(kind: .failed, description: error.message)
        }
        let candidates = [snapshots.current.workflows[id]?.path, "workflows/\(id).yaml", "workflows/\(id).yml"].compactMap { $0 }
        guard let found = candidates.lazy.map(index.versions(ofPath:)).first(where: { !$0.isEmpty }) else {
            throw WriteError(kind: .notFound, description: "workflow '\(id)' has no history on \(configuration.branch)")
        }
        return found.map { Version(number: $0.number, commit: $0.commit.hex, path: $0.path, author: $0.author, date: $0.date,
                                   subject: $0.subject, exists: $0.exists) }
    }

    /// The definition of version `number` of `id`, parsed (nil for a deleted version or a
    /// file that isn't a workflow), with its text.
    public func definition(of id: String, version number: Int) throws(WriteError) -> (version: Version, text: String, definition: JSONValue?) {
        let all = try versions(of: id)
        guard number >= 1, number <= all.count else {
            throw WriteError(kind: .notFound, description: "workflow '\(id)' has no version \(number) (it has \(all.count))")
        }
        let version = all[number - 1]
        guard version.exists, let commit = ObjectID(hex: version.commit) else { return (version, "", nil) }
        let bytes: [UInt8]
        do {
            guard let read = try repository.file(at: version.path, in: commit) else { return (version, "", nil) }
            bytes = read
        } catch {
            throw WriteError(kind: .failed, description: "cannot read \(version.path) at \(commit.short): \(error.message)")
        }
        return (version, String(decoding: bytes, as: UTF8.self), WorkflowLoader.load(path: version.path, bytes: bytes).workflow?.definition)
    }

    /// A new commit restoring workflow `id` as it was at version `number`; history is kept.
    public func rollback(id: String, to number: Int, message: String?, author: String, base: String?) async throws(WriteError) -> WorkflowWriter.WriteResult {
        let (version, text, definition) = try definition(of: id, version: number)
        guard definition != nil else {
            throw WriteError(kind: .invalid, description: "version \(number) of '\(id)' is not a workflow (deleted in \(version.commit.prefix(7)))")
        }
        return try await writer.writeWorkflow(id: id, yaml: text, create: snapshots.current.workflows[id] == nil,
                                       message: message ?? "Roll back \(id) to version \(number)", author: author, base: base)
    }
}
