import Foundation
import HTTPTypes
import Hummingbird

/// The session cookie: `HttpOnly`, `SameSite=Strict`, path `/dashboard`, `Secure` over https.
enum Cookies {
    static let name = "runnel_session"

    /// The session id a request carries.
    static func session(_ request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// The `Set-Cookie` value for session `id` (an empty `id` clears it).
    static func header(_ id: String, secure: Bool) -> String {
        var value = "\(name)=\(id); Path=/dashboard; HttpOnly; SameSite=Strict"
        if secure { value += "; Secure" }
        if id.isEmpty { value += "; Max-Age=0" }
        return value
    }

    /// Whether the request came over https (directly or through a proxy that says so).
    static func isHTTPS(_ request: Request) -> Bool {
        if request.uri.scheme == .https { return true }
        let forwarded = request.headers.first { $0.name.canonicalName == "x-forwarded-proto" }?.value
        return forwarded?.lowercased() == "https"
    }
}
