public import RunnelCore
import RunnelGit

extension WorkflowWriter {
    /// Writes `block` as workflow `id`'s `publish:` (a validated commit: an invalid workflow
    /// is refused).
    public func publish(id: String, block: PublishBlock, message: String, author: String, base: String?) async throws(WriteError) -> WriteResult {
        try await writeTopLevel("publish", block.source, of: id, message: message, author: author, base: base)
    }

    /// Removes workflow `id`'s `publish:` as a commit.
    /// - Throws: ``WriteError`` `.conflict` when it is not published.
    public func unpublish(id: String, message: String, author: String, base: String?) async throws(WriteError) -> WriteResult {
        guard let entry = snapshots.current.workflows[id] else { throw WriteError(kind: .notFound, description: "workflow '\(id)' not found") }
        guard entry.active?.workflow.publish != nil else {
            throw WriteError(kind: .conflict, description: "workflow '\(id)' is not published")
        }
        return try await writeTopLevel("publish", nil, of: id, message: message, author: author, base: base)
    }

    /// Copies public workflow `id` (its active version's file, without its `publish:`) into
    /// the repository as the new workflow `newID`, as a validated commit.
    /// - Throws: ``WriteError`` `.notFound` when `id` is not published, `.exists` when `newID`
    ///   is taken, and what a write refuses.
    public func installPublic(id: String, as newID: String, message: String, author: String, base: String?) async throws(WriteError) -> WriteResult {
        guard let active = snapshots.current.workflows[id]?.active, active.workflow.publish != nil, active.workflow.status != .archived else {
            throw WriteError(kind: .notFound, description: "no public workflow '\(id)'")
        }
        let text: String
        do {
            guard let commit = ObjectID(hex: active.commit), let bytes = try repository.file(at: active.path, in: commit) else {
                throw WriteError(kind: .notFound, description: "workflow '\(id)' not found at \(active.commit.prefix(7))")
            }
            text = String(decoding: bytes, as: UTF8.self)
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(kind: .failed, description: "\(error)")
        }
        let yaml = TopLevelEdit.setting("publish", to: nil, in: text) ?? text
        return try await writeWorkflow(id: newID, yaml: yaml, create: true, message: message, author: author, base: base)
    }
}
