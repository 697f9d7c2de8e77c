public import Foundation
public import RunnelCore
public import RunnelEngine

/// The approve and reject links of a wait: `<public-url>/api/approvals/resume?token=…&action=…`,
/// each with a token signed by the state folder's ``ApprovalKey``, bound to the run, the
/// step, the action and (for a named person) the approver, expiring with the wait (or after
/// 7 days when it has no timeout).
public struct ApprovalLinks: Sendable {
    /// The path that applies a link.
    public static let path = "/api/approvals/resume"
    /// How long a link of a wait without timeout works.
    public static let defaultLifetime: TimeInterval = 7 * 24 * 3600

    let key: ApprovalKey
    let base: String

    /// Links under `publicURL`, signed with `key`.
    public init(key: ApprovalKey, publicURL: String) {
        self.key = key
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// The link that takes `action` on `wait`, as `approver` (nil: nobody in particular).
    public func link(_ action: ApprovalToken.Action, for wait: ApprovalWait, approver: String?) -> String {
        let expires = wait.expiresAt ?? wait.since.addingTimeInterval(Self.defaultLifetime)
        return url(ApprovalToken(runID: wait.request.runID, stepID: wait.request.stepID, action: action, approver: approver, expiresAt: expires))
    }

    private func url(_ token: ApprovalToken) -> String {
        base + Self.path + "?token=" + key.sign(token) + "&action=" + token.action.rawValue
    }

    /// The run id a draft's link tokens carry (`draft:<workflow id>`; the step is the draft commit).
    public static let draftPrefix = "draft:"

    /// `{approve, reject}` links for the draft of workflow `id` at `commit`: approving merges
    /// that commit (``Daemon/decideDraft(_:commit:approve:by:)``), rejecting deletes the branch.
    public func draftPair(id: String, commit: String, now: Date = Date()) -> JSONValue {
        func link(_ action: ApprovalToken.Action) -> String {
            url(ApprovalToken(runID: Self.draftPrefix + id, stepID: commit, action: action, approver: nil,
                              expiresAt: now.addingTimeInterval(Self.defaultLifetime)))
        }
        return ["approve": .string(link(.approve)), "reject": .string(link(.reject))]
    }

    /// `{approve, reject}` links for `approver`.
    public func pair(for wait: ApprovalWait, approver: String?) -> JSONValue {
        ["approve": .string(link(.approve, for: wait, approver: approver)), "reject": .string(link(.reject, for: wait, approver: approver))]
    }

    /// What a notification carries: the wait, and links for anyone (no `approvers`) or one
    /// pair per named approver (`approver_links`).
    public func notification(for wait: ApprovalWait) -> JSONValue {
        var object: [String: JSONValue] = [
            "step_id": .string(wait.request.stepID), "kind": .string(wait.request.kind),
            "message": wait.request.message.map(JSONValue.string) ?? .null,
            "approvers": .array(wait.request.approvers.map(JSONValue.string)), "required": .number(Double(wait.request.required)),
            "expires_at": wait.expiresAt.map { .string($0.formatted(.iso8601)) } ?? .null, "data": wait.request.data ?? .null,
        ]
        if wait.request.approvers.isEmpty {
            object["links"] = pair(for: wait, approver: nil)
        } else {
            object["approver_links"] = .object(Dictionary(uniqueKeysWithValues: wait.request.approvers.map { ($0, pair(for: wait, approver: $0)) }))
        }
        return .object(object)
    }
}
