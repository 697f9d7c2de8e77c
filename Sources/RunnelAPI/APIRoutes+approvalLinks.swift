import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon
import RunnelEngine

/// `/api/approvals/resume`: approval links. The signed token is the credential (no API key).
/// `HEAD`, link-preview bots and prefetches get 200 and change nothing; a browser's `GET`
/// gets a confirmation page whose form POSTs; a `GET` with `Accept: application/json` and
/// every `POST` apply the decision. A bad token gets 403 and changes nothing.
extension APIRoutes {
    func addApprovalLinkRoutes(to router: Router<BasicRequestContext>) {
        router.head(RouterPath(ApprovalLinks.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"])
        }
        router.get(RouterPath(ApprovalLinks.path)) { request, _ in
            if Self.isPreview(request) { return ApprovalLinkPage.preview() }
            let query = request.uri.queryParameters
            let fields = ["token": query.get("token"), "action": query.get("action"), "note": query.get("note")].compactMapValues { $0 }
            let json = Self.wantsJSON(request)
            let (token, text) = try await Self.verifiedToken(fields, daemon: daemon, json: json)
            if token.isForDraft {
                if !json { return ApprovalLinkPage.confirmDraft(text, token) }
                return try await Self.applyDraftLink(token, daemon: daemon, json: true)
            }
            let wait = try await Self.openWait(of: token, daemon: daemon, json: json)
            if !json { return ApprovalLinkPage.confirm(text, token.action, wait, decider: token.decider) }
            return try await Self.applyLink(token, note: fields["note"], input: nil, daemon: daemon, json: true)
        }
        router.post(RouterPath(ApprovalLinks.path)) { request, _ in
            if Self.isPreview(request) { return ApprovalLinkPage.preview() }
            let (fields, input) = try await Self.linkFields(request)
            let json = Self.wantsJSON(request) || request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true
            let (token, _) = try await Self.verifiedToken(fields, daemon: daemon, json: json)
            if token.isForDraft { return try await Self.applyDraftLink(token, daemon: daemon, json: json) }
            _ = try await Self.openWait(of: token, daemon: daemon, json: json)
            return try await Self.applyLink(token, note: fields["note"], input: input, daemon: daemon, json: json)
        }
    }

    /// The wait a (verified) token names, or a 403 saying why it can't be decided.
    static func openWait(of token: ApprovalToken, daemon: DaemonServices, json: Bool) async throws -> ApprovalWait {
        guard let wait = await daemon.engine.waitingApproval(runID: token.runID, stepID: token.stepID) else {
            throw refusal("step '\(token.stepID)' of run '\(token.runID)' is no longer waiting for a decision", json: json)
        }
        if wait.usedTokens.contains(token.id) { throw refusal("this link was already used", json: json) }
        return wait
    }

    /// Approves (merges) or rejects (deletes) the draft a link names; 403 once it was decided
    /// or regenerated since.
    static func applyDraftLink(_ token: ApprovalToken, daemon: DaemonServices, json: Bool) async throws -> Response {
        let id = token.draftID
        let result: WorkflowWriter.WriteResult?
        do {
            result = try await daemon.drafts.decideDraft(id, commit: token.stepID, approve: token.action == .approve, by: token.decider)
        } catch {
            let status: HTTPResponse.Status = error.kind == .stale || error.kind == .exists ? .forbidden : .unprocessableContent
            if json { throw APIError(status: status, code: status == .forbidden ? "forbidden" : "invalid_definition", message: error.description) }
            throw LinkRefusal(message: error.description, status: status)
        }
        let outcome = result == nil ? "rejected: its branch is deleted" : "approved: it is active"
        if json {
            return JSONResponse.make(["workflow_id": .string(id), "status": .string(result == nil ? "rejected" : "approved"),
                                      "commit": result.map { .string($0.commit) } ?? .null])
        }
        return ApprovalLinkPage.html("Thank you", "<p>The draft of <code>\(ApprovalLinkPage.escape(id))</code> was \(ApprovalLinkPage.escape(outcome)).</p>"
            + ApprovalLinkPage.dashboardLink("/dashboard/workflows/" + id, "the workflow"))
    }

    static func refusal(_ message: String, json: Bool) -> any Error {
        json ? APIError.forbidden(message) : LinkRefusal(message: message)
    }

    /// The link's token when it is well formed, signed by this server, unexpired and for the
    /// action asked; else a 403 saying why.
    static func verifiedToken(_ fields: [String: String], daemon: DaemonServices, json: Bool) async throws -> (ApprovalToken, String) {
        func refuse(_ message: String) -> any Error { refusal(message, json: json) }
        guard let text = fields["token"], !text.isEmpty else { throw refuse("the link has no token") }
        let key: ApprovalKey
        do {
            key = try await daemon.approvals.approvalKey()
        } catch {
            throw APIError(status: .internalServerError, code: "storage", message: error.description)
        }
        let token: ApprovalToken
        switch key.verify(text) {
        case .failure(let error): throw refuse(error.description)
        case .success(let verified): token = verified
        }
        guard let action = fields["action"], action == token.action.rawValue else {
            throw refuse("the link is for '\(token.action.rawValue)', not '\(fields["action"] ?? "")'")
        }
        return (token, text)
    }

    static func applyLink(_ token: ApprovalToken, note: String?, input: JSONValue?, daemon: DaemonServices, json: Bool) async throws -> Response {
        let decision = ApprovalDecision(approved: token.action == .approve, by: token.decider, note: note.flatMap { $0.isEmpty ? nil : $0 },
                                        input: input, via: "link", tokenID: token.id)
        let wait: ApprovalWait
        switch await decide(daemon.engine, token.runID, token.stepID, decision) {
        case .success(let decided):
            wait = decided
        case .failure(let error):
            if json { throw error.kind == .invalidInput ? APIError(error) : APIError.forbidden(error.description) }
            guard error.kind == .invalidInput else { throw LinkRefusal(message: error.description) }
            // The link still works: say what to fix, and against which schema.
            let waiting = await daemon.engine.waitingApproval(runID: token.runID, stepID: token.stepID)
            throw LinkRefusal.input(error.description, problems: error.details, schema: waiting?.request.inputSchema)
        }
        if json { return JSONResponse.make(decisionBody(wait)) }
        let state = wait.outcome == nil ? "Recorded: \(wait.remaining) more approval(s) needed." : wait.outcome == true ? "Approved." : "Rejected."
        return ApprovalLinkPage.html("Thank you", "<p>\(ApprovalLinkPage.escape(state))</p><p>Run <code>\(ApprovalLinkPage.escape(wait.request.runID))</code>, step <code>\(ApprovalLinkPage.escape(wait.request.stepID))</code>.</p>"
            + ApprovalLinkPage.dashboardLink("/dashboard/runs/" + wait.request.runID, "the run"))
    }

    /// The fields of a POST: a form (`application/x-www-form-urlencoded`), a JSON object (whose
    /// `input` is kept as JSON), or the query string.
    static func linkFields(_ request: Request) async throws -> ([String: String], JSONValue?) {
        var fields: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { fields[String(name)] = String(value) }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/json") {
            let body = try await RequestBody.object(request)
            for (name, value) in body { if let text = value.stringValue { fields[name] = text } }
            return (fields, body["input"].flatMap { $0 == .null ? nil : $0 })
        }
        let text = String(decoding: try await RequestBody.bytes(request), as: UTF8.self)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let name = parts.first { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        // The confirmation page's input field holds JSON text.
        guard let text = fields["input"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return (fields, nil) }
        do {
            return (fields, try JSONParser.parse(text))
        } catch {
            throw LinkRefusal.input("the input is not valid JSON: \(error)", problems: [], schema: nil)
        }
    }

    /// Link-preview bots and crawlers, and prefetches, which must not decide anything.
    static func isPreview(_ request: Request) -> Bool {
        let agent = request.headers[.userAgent]?.lowercased() ?? ""
        if previewAgents.contains(where: { agent.contains($0) }) { return true }
        for field in request.headers where ["purpose", "sec-purpose", "x-moz", "x-purpose"].contains(field.name.canonicalName) {
            let value = field.value.lowercased()
            if value.contains("prefetch") || value.contains("preview") || value.contains("prerender") { return true }
        }
        return false
    }

    static let previewAgents = ["slackbot", "twitterbot", "facebookexternalhit", "discordbot", "linkedinbot", "telegrambot",
                                "whatsapp", "googlebot", "bingbot", "microsoft office", "ms-office", "outlook", "safelinks",
                                "microsoftpreview", "skypeuripreview", "applebot", "embedly", "redditbot"]

    static func wantsJSON(_ request: Request) -> Bool {
        let accept = request.headers[.accept]?.lowercased() ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}

/// A refused link, answered as an HTML page (403) to a browser.
struct LinkRefusal: Error, HTTPResponseError {
    var message: String
    var status: HTTPResponse.Status = .forbidden
    var title = "This link cannot be used"
    /// More HTML after the message (problems, a schema, what to do).
    var more = ""

    /// An input that doesn't fit (400): the link can be used again once the input is fixed.
    static func input(_ message: String, problems: [String], schema: JSONValue?) -> LinkRefusal {
        var more = problems.isEmpty ? "" : "<ul>" + problems.map { "<li>\(ApprovalLinkPage.escape($0))</li>" }.joined() + "</ul>"
        more += "<p>Nothing was decided and the link still works: go back, correct the input"
        if let schema {
            more += " so that it matches this schema, and submit again.</p><pre>\(ApprovalLinkPage.escape(schema.serialized(pretty: true)))</pre>"
        } else {
            more += " (a JSON value), and submit again.</p>"
        }
        return LinkRefusal(message: message, status: .badRequest, title: "Correct the input", more: more)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ApprovalLinkPage.html(title, "<p>\(ApprovalLinkPage.escape(message))</p>" + more, status: status)
    }
}

extension ApprovalToken {
    /// Whether the token is a generated draft's (it names `draft:<id>`, not a run).
    var isForDraft: Bool { runID.hasPrefix(ApprovalLinks.draftPrefix) }

    /// The workflow id of a draft's token.
    var draftID: String { String(runID.dropFirst(ApprovalLinks.draftPrefix.count)) }
}
