import Foundation
import HTTPTypes
import Hummingbird
import RunnelAPI
import RunnelCore

/// Who looks at a page: their session and the key it signed in with.
struct Viewer: Sendable {
    var session: Session
    /// The key, while it is active; nil before signing in and with `--no-auth`.
    var key: APIKeys.Key?
    /// `--no-auth`: no key needed, every page says so.
    var noAuth: Bool
    /// Whether the response must set the session cookie (a new session).
    var isNew: Bool

    /// Whether the viewer may see the pages.
    var signedIn: Bool { noAuth || key != nil }

    /// The name pages show.
    var name: String { key?.name ?? "anonymous" }

    /// Whether the API would let the viewer's key do `method path` (the API's own rule).
    func may(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        if noAuth { return true }
        guard let key else { return false }
        return key.allows(APIScopes.needed(method, path))
    }
}

extension Dashboard {
    /// The viewer of `request`: its session (a new one when it has none) and its key, looked
    /// up again in the keys file each time (a revoked key signs its sessions out).
    func viewer(_ request: Request) -> Viewer {
        var isNew = false
        let session: Session
        if let id = Cookies.session(request), let found = sessions.session(id) {
            session = found
        } else {
            session = sessions.create(key: nil)
            isNew = true
        }
        let key = session.key.flatMap { keys?.current().key(for: $0) }
        return Viewer(session: session, key: key, noAuth: keys == nil, isNew: isNew)
    }

    /// The key the viewer's API calls carry.
    func apiKey(_ viewer: Viewer) -> String? { viewer.noAuth ? nil : viewer.session.key }

    /// Calls the API as the viewer.
    func call(_ method: HTTPRequest.Method, _ path: String, body: JSONValue? = nil, as viewer: Viewer,
              context: BasicRequestContext) async -> APIAnswer {
        await api.call(method, path, body: body, key: apiKey(viewer), context: context)
    }

    /// A redirect to the sign-in page, coming back to `request`'s page after.
    func signInRedirect(_ request: Request, _ viewer: Viewer) -> Response {
        let back = request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/dashboard"
        return redirect("/dashboard/signin?next=\(back)", viewer, request)
    }

    /// A 303 to `location` (setting the session cookie when it is new).
    func redirect(_ location: String, _ viewer: Viewer, _ request: Request) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        if viewer.isNew { response.headers[.setCookie] = Cookies.header(viewer.session.id, secure: secure(request)) }
        return response
    }

    /// Whether cookies are `Secure` for `request`.
    func secure(_ request: Request) -> Bool { secureCookies || Cookies.isHTTPS(request) }
}
