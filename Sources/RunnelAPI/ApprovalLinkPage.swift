import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RunnelCore
import RunnelDaemon
import RunnelEngine

/// The small HTML pages of approval links.
enum ApprovalLinkPage {
    static func html(_ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        let page = """
            <!doctype html>
            <html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>\(escape(title))</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
            <h1>\(escape(title))</h1>
            \(body)
            </body></html>

            """
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        // The page's URL holds the token: never send it on as a Referer.
        if let referrer = HTTPField.Name("Referrer-Policy") { headers[referrer] = "no-referrer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// What a link-preview bot or a prefetch gets: nothing decided.
    static func preview() -> Response {
        html("Runnel approval", "<p>Open this link in a browser to approve or reject.</p>")
    }

    /// The page a browser gets for a valid draft link: a form that POSTs the decision.
    static func confirmDraft(_ token: String, _ parsed: ApprovalToken) -> Response {
        let id = parsed.draftID
        let verb = parsed.action == .approve ? "Approve and activate" : "Reject and delete"
        let body = "<p>The generated draft of workflow <code>\(escape(id))</code> at commit <code>\(escape(String(parsed.stepID.prefix(12))))</code>.</p>"
            + """
            <form method="post" action="\(ApprovalLinks.path)">
            <input type="hidden" name="token" value="\(escape(token))">
            <input type="hidden" name="action" value="\(parsed.action.rawValue)">
            <p><button type="submit">\(verb)</button></p>
            </form>
            """
        return html("\(verb) the draft?", body)
    }

    /// The page a browser gets for a valid link: a form that POSTs the decision.
    static func confirm(_ token: String, _ action: ApprovalToken.Action, _ wait: ApprovalWait, decider: String) -> Response {
        let verb = action == .approve ? "Approve" : "Reject"
        var body = "<p>Run <code>\(escape(wait.request.runID))</code> of <code>\(escape(wait.workflowID))</code>, "
            + "step <code>\(escape(wait.request.stepID))</code>, as <strong>\(escape(decider))</strong>.</p>"
        if let message = wait.request.message { body += "<blockquote>\(escape(message))</blockquote>" }
        body += """
            <form method="post" action="\(ApprovalLinks.path)">
            <input type="hidden" name="token" value="\(escape(token))">
            <input type="hidden" name="action" value="\(action.rawValue)">
            <p><label>Note (optional)<br><textarea name="note" rows="3" cols="50"></textarea></label></p>
            \(inputField(action, wait))<p><button type="submit">\(verb)</button></p>
            </form>
            """
        return html("\(verb) this run?", body)
    }

    /// For an approval that asks for data: a field for it as JSON, with its schema shown.
    static func inputField(_ action: ApprovalToken.Action, _ wait: ApprovalWait) -> String {
        guard action == .approve, let schema = wait.request.inputSchema else { return "" }
        return "<p><label>Input (JSON matching the schema below)<br><textarea name=\"input\" rows=\"6\" cols=\"50\">{}</textarea></label></p>"
            + "<pre>\(escape(schema.serialized(pretty: true)))</pre>\n"
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// The link of a success page to `path` on the dashboard (which asks to sign in first).
    static func dashboardLink(_ path: String, _ what: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return "<p><a href=\"\(escape(encoded))\">Open \(escape(what)) in the dashboard</a></p>"
    }
}
