import Foundation
import RunnelCore
import RunnelEngine
import RunnelGit

extension DraftService {
    /// Sends a new draft for approval, like an approval step: a `draft.generated` event to
    /// the `notify:` targets of `runnel.yaml` and a mail to `approvals.email`, each with signed
    /// approve and reject links for that draft commit. Returns the links.
    @discardableResult
    func announce(_ draft: Draft) -> JSONValue? {
        let links: JSONValue
        do {
            links = try keyring.approvalLinks().draftPair(id: draft.id, commit: draft.commit)
        } catch {
            logger.problem("draft \(draft.id) is not announced: its links could not be made: \(error)", [LogKey.workflowID: .string(draft.id)])
            return nil
        }
        let body: JSONValue = [
            "type": "draft.generated", "sent_at": .string(Date().formatted(.iso8601)),
            "draft": ["id": .string(draft.id), "branch": .string(draft.branch), "commit": .string(draft.commit), "plan": draft.plan],
            "links": links,
        ]
        notifications.notify("draft.generated", body: body)
        let emails = snapshots.current.settings.approvalEmails
        if !emails.isEmpty { notifications.mail { $0.messages(draft: draft, links: links, to: emails) } }
        return links
    }

    /// Applies a draft's link: approving merges the draft (as ``approveDraft(_:message:author:base:)``),
    /// rejecting deletes its branch. Only while the draft branch is still at `commit`, so each
    /// link works once and not for a later version of the draft.
    public func decideDraft(_ id: String, commit: String, approve: Bool, by decider: String) async throws(WriteError) -> WorkflowWriter.WriteResult? {
        let branch = Self.draftBranch(of: id)
        let current: ObjectID?
        do {
            current = try repository.branchTip(branch)
        } catch {
            throw WriteError(error)
        }
        guard let tip = current, let expected = ObjectID(hex: commit), tip == expected else {
            throw WriteError(kind: .stale, description: "the draft of '\(id)' is no longer at \(commit.prefix(7)): it was decided or regenerated since the link was sent")
        }
        if snapshots.current.workflows[id] != nil {
            throw WriteError(kind: .exists, description: "workflow '\(id)' exists on \(configuration.branch): its draft was approved already")
        }
        if approve {
            return try await approveDraft(id, message: "Approve draft \(id)\n\nMerges \(branch) (\(tip.short)) with status active, through a signed link.\n",
                                          author: decider, base: nil)
        }
        try await writer.deleteBranch(branch, expectedTip: tip)
        return nil
    }
}
