import Hummingbird
import NIOCore

/// The stylesheet, the script and the icon, served by the binary (no other request leaves
/// the page).
enum Assets {
    /// The icon.
    static let icon = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2456c8"/><path d="M3 11c3 0 3-6 6-6s2 6 4 6" stroke="#fff" stroke-width="2" fill="none"/></svg>"##

    /// Path → (content type, body).
    static let files: [String: (type: String, body: String)] = [
        "app.css": ("text/css; charset=utf-8", css),
        "app.js": ("text/javascript; charset=utf-8", js),
        "icon.svg": ("image/svg+xml", icon),
    ]
}

extension Dashboard {
    func addAssetRoutes(to router: Router<BasicRequestContext>) {
        router.get("/dashboard/assets/{name}") { _, context in
            guard let name = context.parameters.get("name"), let file = Assets.files[name] else {
                return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "no such asset\n")))
            }
            var headers = PageRenderer.securityHeaders
            headers[.contentType] = file.type
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: file.body)))
        }
    }
}
