import Foundation
import Hummingbird

extension Dashboard {
    func addSessionRoutes(to router: Router<BasicRequestContext>) {
        router.get("/dashboard") { request, _ in
            let viewer = viewer(request)
            return redirect(viewer.signedIn ? "/dashboard/workflows" : "/dashboard/signin", viewer, request)
        }
        router.get("/dashboard/signin") { request, _ in
            let viewer = viewer(request)
            if viewer.signedIn { return redirect(Self.safeNext(request.uri.queryParameters.get("next")), viewer, request) }
            return page("signin", title: "Sign in", section: nil, ["next": Self.safeNext(request.uri.queryParameters.get("next"))],
                        viewer: viewer, request: request)
        }
        router.post("/dashboard/signin") { request, _ in
            let viewer = viewer(request)
            guard let form = await FormBody.read(request), Self.validToken(form, viewer) else { return csrfRefusal(viewer, request) }
            let next = Self.safeNext(form["next"])
            guard let keys else { return redirect(next, viewer, request) }
            let presented = (form["key"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !presented.isEmpty, keys.current().key(for: presented) != nil else {
                return page("signin", title: "Sign in", section: nil, ["next": next, "error": "That API key is not valid or was revoked."],
                            viewer: viewer, request: request, status: .unauthorized)
            }
            // A new session id at sign-in (the one before it may have been seen by someone else).
            sessions.remove(viewer.session.id)
            let session = sessions.create(key: presented)
            var response = Response.redirect(to: next, type: .normal)
            response.headers[.setCookie] = Cookies.header(session.id, secure: secure(request))
            return response
        }
        router.post("/dashboard/signout") { request, _ in
            let viewer = viewer(request)
            guard let form = await FormBody.read(request), Self.validToken(form, viewer) else { return csrfRefusal(viewer, request) }
            sessions.remove(viewer.session.id)
            var response = Response.redirect(to: "/dashboard/signin", type: .normal)
            response.headers[.setCookie] = Cookies.header("", secure: secure(request))
            return response
        }
    }

    /// Where to go after signing in: a dashboard path, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/dashboard"), !next.hasPrefix("//"), !next.contains("\\") else { return "/dashboard/workflows" }
        return next
    }

    /// Whether the form carries the session's CSRF token (compared in constant time).
    static func validToken(_ form: FormBody, _ viewer: Viewer) -> Bool {
        guard let token = form["csrf"] else { return false }
        let a = Array(token.utf8), b = Array(viewer.session.csrf.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// The answer to a form without the session's CSRF token: 403, nothing done.
    func csrfRefusal(_ viewer: Viewer, _ request: Request) -> Response {
        problem("The form has no valid CSRF token, so nothing was done. Reload the page and try again.", status: .forbidden,
                viewer: viewer, request: request)
    }

    /// Runs `body` for a posted form that carries its CSRF token, from a signed-in viewer.
    func action(_ request: Request, _ body: (Viewer, FormBody) async -> Response) async -> Response {
        let viewer = viewer(request)
        guard let form = await FormBody.read(request), Self.validToken(form, viewer) else { return csrfRefusal(viewer, request) }
        guard viewer.signedIn else { return signInRedirect(request, viewer) }
        return await body(viewer, form)
    }

    /// Runs `body` for a page a signed-in viewer asks for (others go to the sign-in page).
    func signedInPage(_ request: Request, _ body: (Viewer) async -> Response) async -> Response {
        let viewer = viewer(request)
        guard viewer.signedIn else { return signInRedirect(request, viewer) }
        return await body(viewer)
    }

    /// After an action: a message for the next page and a 303 to `location`.
    func done(_ location: String, _ viewer: Viewer, _ request: Request, _ answer: APIAnswer, success: String) -> Response {
        sessions.flash(viewer.session.id, answer.failure.map { Flash(text: $0, isError: true) } ?? Flash(text: success, isError: false))
        return redirect(location, viewer, request)
    }
}
