import Foundation
import RunnelCore
import RunnelGit

extension WorkflowWriter {
    /// What a write did: the new commit, and the workflow as the daemon runs it now.
    public struct WriteResult: Sendable {
        /// The commit made on the watched branch.
        public var commit: String
        /// The workflow after the reconcile (nil after a delete).
        public var entry: WorkflowEntry?
    }

    /// Creates (`create: true`) or replaces workflow `id` with `yaml`, as a commit on the
    /// watched branch by `author`, checked against `base` (the tip the writer saw; nil: the
    /// current tip). The file must validate first: nothing invalid is committed. The change
    /// is active when this returns.
    public func writeWorkflow(id: String, yaml: String, create: Bool, message: String, author: String,
                              base: String?) async throws(WriteError) -> WriteResult {
        if let problem = WorkflowID.problem(with: id) { throw WriteError(kind: .invalid, description: "invalid workflow id '\(id)': \(problem)") }
        let existing = snapshots.current.workflows[id]
        if create, existing != nil { throw WriteError(kind: .exists, description: "workflow '\(id)' exists already") }
        if !create, existing == nil { throw WriteError(kind: .notFound, description: "workflow '\(id)' not found") }
        let path = existing?.path ?? "workflows/\(id).yaml"
        if let refusal = Self.refusal(check(writing: yaml, as: id), "this change to '\(id)'") { throw refusal }
        let commit = try await commit([.write(path: path, contents: Array(yaml.utf8))], message: message, author: author, base: base)
        return WriteResult(commit: commit, entry: snapshots.current.workflows[id])
    }

    /// Deletes workflow `id` as a commit; its schedules and triggers stop.
    public func deleteWorkflow(id: String, message: String, author: String, base: String?) async throws(WriteError) -> WriteResult {
        guard let entry = snapshots.current.workflows[id] else { throw WriteError(kind: .notFound, description: "workflow '\(id)' not found") }
        if let refusal = Self.refusal(check(deleting: id), "deleting '\(id)'") { throw refusal }
        let commit = try await commit([.delete(path: entry.path)], message: message, author: author, base: base)
        return WriteResult(commit: commit, entry: nil)
    }

    /// Sets the `status:` of workflow `id` (draft, active, paused, archived) as a commit.
    public func setStatus(id: String, status: String, message: String, author: String, base: String?) async throws(WriteError) -> WriteResult {
        guard WorkflowStatus(rawValue: status) != nil else {
            throw WriteError(kind: .invalid, description: "status must be draft, active, paused or archived, not '\(status)'")
        }
        let text = StatusLine.set(status, in: try currentText(of: id))
        return try await writeWorkflow(id: id, yaml: text, create: false, message: message, author: author, base: base)
    }

    /// The text of workflow `id`'s file at the active commit.
    /// - Throws: ``WriteError`` `.notFound` for an unknown workflow, `.failed` when git fails.
    func currentText(of id: String) throws(WriteError) -> String {
        guard let entry = snapshots.current.workflows[id], let tip = snapshots.current.activeCommit.flatMap(ObjectID.init(hex:)) else {
            throw WriteError(kind: .notFound, description: "workflow '\(id)' not found")
        }
        let bytes: [UInt8]
        do {
            guard let current = try repository.file(at: entry.path, in: tip) else {
                throw WriteError(kind: .notFound, description: "workflow '\(id)' not found at \(tip.short)")
            }
            bytes = current
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(kind: .failed, description: "\(error)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sets top-level `key` of workflow `id`'s file to `value` (nil removes it) as a validated commit.
    func writeTopLevel(_ key: String, _ value: SourceValue?, of id: String, message: String, author: String,
                       base: String?) async throws(WriteError) -> WriteResult {
        guard let yaml = TopLevelEdit.setting(key, to: value, in: try currentText(of: id)) else {
            throw WriteError(kind: .invalid, description: "workflow '\(id)' can't be edited: its file is not a workflow mapping",
                             diagnostics: snapshots.current.workflows[id]?.errors.map(\.description) ?? [])
        }
        return try await writeWorkflow(id: id, yaml: yaml, create: false, message: message, author: author, base: base)
    }

    /// Commits on the watched branch with compare-and-swap on its tip, then reconciles;
    /// with `merging`, the commit is a merge of that commit (a draft branch) into the branch.
    /// The tip must be `base` (when given) and what `expected` says.
    func commit(_ changes: [FileChange], message: String, author: String, base: String?, expected: Expectation = .current,
                merging: ObjectID? = nil) async throws(WriteError) -> String {
        if let remote = configuration.remote {
            throw WriteError(kind: .readOnly, description: "this daemon mirrors \(remote): commit and push the change there")
        }
        do {
            let tip = try repository.branchTip(configuration.branch)
            if let base {
                let resolved = try repository.resolve(base)
                guard resolved == tip else {
                    throw WriteError(kind: .stale, description: "based on \(resolved.short), but \(configuration.branch) is at \(tip?.short ?? "no commit"); read the workflow again and retry")
                }
            }
            if case .tip(let checked) = expected, checked != tip?.hex {
                throw WriteError(kind: .stale, description: "\(configuration.branch) moved to \(tip?.short ?? "no commit") while the change was prepared on \(checked.map { String($0.prefix(7)) } ?? "no commit"); retry")
            }
            let signature = Signature(name: author, email: "\(author)@runnel.invalid")
            let commit = try repository.commit(changes, on: configuration.branch, expectedTip: tip, message: message, author: signature,
                                               merging: merging)
            // Logged by the reconcile service like a push: one line per reconcile.
            _ = try await reconciler.reconcile()
            return commit.hex
        } catch let error as WriteError {
            throw error
        } catch let error as GitError {
            throw WriteError(error)
        } catch {
            throw WriteError(kind: .failed, description: "\(error)")
        }
    }

    /// Commits `changes` on branch `branch` (a draft branch) with compare-and-swap on its tip:
    /// `expectedTip` nil creates it, starting at the watched branch's tip.
    func commit(_ changes: [FileChange], onBranch branch: String, expectedTip: ObjectID?, message: String,
                author: String) throws(WriteError) -> String {
        do {
            let start = try repository.branchTip(configuration.branch)
            let signature = Signature(name: author, email: "\(author)@runnel.invalid")
            return try repository.commit(changes, on: branch, expectedTip: expectedTip, message: message, author: signature,
                                         startingAt: expectedTip == nil ? start : nil).hex
        } catch {
            throw WriteError(error)
        }
    }

    /// Deletes branch `branch` (a draft branch) if it is still at `expectedTip`.
    func deleteBranch(_ branch: String, expectedTip: ObjectID) throws(WriteError) {
        do {
            try repository.deleteBranch(branch, expectedTip: expectedTip)
        } catch {
            throw WriteError(error)
        }
    }
}
