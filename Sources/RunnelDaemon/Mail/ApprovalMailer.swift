import Foundation
import RunnelCore
import RunnelEngine

/// Emails the people of a wait that has started: each recipient gets their own approve and
/// reject links (bound to their address), or none when `approvers` doesn't name them.
/// Each mail is retried up to 4 times with backoff (1 s, 2 s, 4 s), as notifications are.
struct ApprovalMailer: Sendable {
    let smtp: RepositorySettings.SMTP
    let secrets: any SecretStore
    var backoff: [Duration] = [.seconds(1), .seconds(2), .seconds(4)]

    /// The recipients of `wait`: the step's `notify.email` and the repository's `approvals.email`.
    static func recipients(_ wait: ApprovalWait, settings: RepositorySettings) -> [String] {
        var seen = Set<String>()
        return (wait.request.notifyEmail + settings.approvalEmails).filter { seen.insert($0.lowercased()).inserted }
    }

    /// One mail per recipient of `wait`.
    func messages(_ wait: ApprovalWait, links: ApprovalLinks, to recipients: [String]) -> [MailMessage] {
        recipients.map { Self.message(wait, links: links, from: smtp.from, to: $0) }
    }

    /// One mail per recipient of a generated draft's plan with its approve and reject links.
    func messages(draft: DraftService.Draft, links: JSONValue, to recipients: [String]) -> [MailMessage] {
        recipients.map { Self.message(draft: draft, links: links, from: smtp.from, to: $0) }
    }

    static func message(draft: DraftService.Draft, links: JSONValue, from: String, to recipient: String) -> MailMessage {
        var lines = ["A model wrote a draft of workflow \(draft.id), committed on \(draft.branch) (\(draft.commit.prefix(7))).", ""]
        if let name = draft.plan["name"]?.stringValue { lines.append("Name: \(name)") }
        for trigger in draft.plan["triggers"]?.arrayValue ?? [] { lines.append("Trigger: \(trigger.stringValue ?? "")") }
        for step in draft.plan["steps"]?.arrayValue ?? [] {
            lines.append("Step: \(step["id"]?.stringValue ?? "?") (\(step["type"]?.stringValue ?? "?"))")
        }
        lines += ["", "Approve (merges it into the branch, active at once): \(links["approve"]?.stringValue ?? "")", "",
                  "Reject (deletes the draft branch): \(links["reject"]?.stringValue ?? "")", "",
                  "Each link works once, for this version of the draft."]
        return MailMessage(from: from, to: [recipient], subject: "Draft to approve: \(draft.id)", body: lines.joined(separator: "\n") + "\n")
    }

    static func message(_ wait: ApprovalWait, links: ApprovalLinks, from: String, to recipient: String) -> MailMessage {
        let request = wait.request
        var lines = ["Run \(request.runID) of workflow \(wait.workflowID) waits for a decision at step \(request.stepID).", ""]
        if let message = request.message { lines += [message, ""] }
        if let data = request.data { lines += ["Details: \(data.serialized())", ""] }
        if request.required > 1 { lines += ["\(request.required) approvals are needed; one rejection rejects.", ""] }
        if request.approvers.isEmpty || request.approvers.contains(recipient) {
            lines += ["Approve: \(links.link(.approve, for: wait, approver: recipient))", "",
                      "Reject:  \(links.link(.reject, for: wait, approver: recipient))", "",
                      "Each link works once, for you only."]
        } else {
            lines += ["You are told for information: the approvers are \(request.approvers.joined(separator: ", "))."]
        }
        if let expires = wait.expiresAt { lines.append("The wait ends at \(expires.formatted(.iso8601)) (then: \(request.onTimeout.rawValue)).") }
        let subject = "Approval needed: \(wait.workflowID) / \(request.stepID)"
        return MailMessage(from: from, to: [recipient], subject: subject, body: lines.joined(separator: "\n") + "\n")
    }

    /// Sends `message`, retrying with backoff. Returns why it was given up, after the last attempt.
    func deliver(_ message: MailMessage) async -> String? {
        let client = SMTPClient(host: smtp.host, port: smtp.port,
                                username: smtp.usernameSecret.flatMap { secrets.value(named: $0) },
                                password: smtp.passwordSecret.flatMap { secrets.value(named: $0) },
                                starttls: smtp.starttls, caFile: smtp.caFile)
        var last = ""
        for attempt in 0...backoff.count {
            if attempt > 0 {
                do { try await Task.sleep(for: backoff[attempt - 1]) } catch { return "approval mail to \(message.to.joined(separator: ", ")) was given up: the daemon stopped" }
            }
            do {
                try await client.send(message)
                return nil
            } catch {
                last = "\(error)"
            }
        }
        return "approval mail to \(message.to.joined(separator: ", ")) was not sent after \(backoff.count + 1) attempts: \(last)"
    }
}
