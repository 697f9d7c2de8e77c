import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders pages from the Mustache templates (HTML-escaped by default) inside the layout,
/// with the headers every page carries.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are constants of this module: a test renders each of them.
                assertionFailure("template \(name): \(error)")
            }
        }
        self.library = library
    }

    /// The headers of every answer of the dashboard.
    static var securityHeaders: HTTPFields {
        var fields = HTTPFields()
        if let csp = HTTPField.Name("Content-Security-Policy") { fields[csp] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'" }
        if let sniff = HTTPField.Name("X-Content-Type-Options") { fields[sniff] = "nosniff" }
        if let referrer = HTTPField.Name("Referrer-Policy") { fields[referrer] = "same-origin" }
        if let frames = HTTPField.Name("X-Frame-Options") { fields[frames] = "DENY" }
        return fields
    }

    /// Template `name` over `context`.
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// An HTML response with the security headers.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The pages of the navigation bar.
enum Section: String, CaseIterable, Sendable {
    case workflows, runs, approvals, status

    var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension Dashboard {
    /// Page `template` over `context`, in the layout (or alone for `?fragment=`), as `viewer`.
    func page(_ template: String, title: String, section: Section?, _ context: [String: Any], viewer: Viewer,
              request: Request, status: HTTPResponse.Status = .ok) -> Response {
        var context = context
        context["csrf"] = viewer.session.csrf
        context["noAuth"] = viewer.noAuth
        let content = pages.render(template, context)
        var response: Response
        if request.uri.queryParameters.get("fragment") != nil {
            response = PageRenderer.html(content, status: status)
        } else {
            var layout: [String: Any] = [
                "title": title, "content": content, "csrf": viewer.session.csrf, "noAuth": viewer.noAuth,
                "signedIn": viewer.signedIn, "viewerName": viewer.name,
                "nav": Section.allCases.map { ["href": "/dashboard/\($0.rawValue)", "label": $0.label, "current": $0 == section] as [String: Any] },
            ]
            if let flash = sessions.takeFlash(viewer.session.id) { layout["flash"] = ["text": flash.text, "isError": flash.isError] as [String: Any] }
            response = PageRenderer.html(pages.render("layout", layout), status: status)
        }
        if viewer.isNew { response.headers[.setCookie] = Cookies.header(viewer.session.id, secure: secure(request)) }
        return response
    }

    /// A page that says what went wrong (an API refusal, a missing record).
    func problem(_ message: String, status: HTTPResponse.Status, viewer: Viewer, request: Request) -> Response {
        page("problem", title: "Problem", section: nil, ["message": message, "code": status.code], viewer: viewer, request: request, status: status)
    }
}
