public import HTTPTypes
import Hummingbird

/// The scope rule of the API, for other faces of the server (the dashboard hides what a key
/// may not do with the same rule the API refuses it with).
public enum APIScopes {
    /// The scope a request `method path` to the API needs.
    public static func needed(_ method: HTTPRequest.Method, _ path: String) -> APIKeys.Scope {
        AuthMiddleware<BasicRequestContext>.scope(method: method, path: path)
    }
}
