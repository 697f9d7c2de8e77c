import Foundation

/// One browser's session: the API key it signed in with (kept in memory only) and the
/// token every form of its pages carries.
struct Session: Sendable {
    /// The cookie's value.
    var id: String
    /// The API key it signed in with; nil before signing in (and with `--no-auth`).
    var key: String?
    /// The CSRF token its forms carry.
    var csrf: String
    /// When it ends unless used.
    var expires: Date
    /// A message for the next page (what an action did or why it was refused).
    var flash: Flash?
}

/// A one-time message shown on the next page.
struct Flash: Sendable {
    var text: String
    var isError: Bool
}

/// The sessions of the server, in memory: a restart signs everyone out.
final class SessionStore: @unchecked Sendable {
    /// How long a session lasts after its last use.
    static let idleLifetime: TimeInterval = 12 * 3600
    /// The most sessions kept; past it the one used least recently goes.
    static let limit = 10_000

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]

    /// A new session (before sign-in when `key` is nil).
    func create(key: String?) -> Session {
        let session = Session(id: Self.token(), key: key, csrf: Self.token(), expires: Date().addingTimeInterval(Self.idleLifetime))
        lock.lock()
        defer { lock.unlock() }
        if sessions.count >= Self.limit, let oldest = sessions.values.min(by: { $0.expires < $1.expires }) {
            sessions[oldest.id] = nil
        }
        sessions[session.id] = session
        return session
    }

    /// The live session `id`, its lifetime extended.
    func session(_ id: String) -> Session? {
        lock.lock()
        defer { lock.unlock() }
        guard var session = sessions[id] else { return nil }
        guard session.expires > Date() else {
            sessions[id] = nil
            return nil
        }
        session.expires = Date().addingTimeInterval(Self.idleLifetime)
        sessions[id] = session
        return session
    }

    /// Ends session `id`.
    func remove(_ id: String) {
        lock.lock()
        sessions[id] = nil
        lock.unlock()
    }

    /// Sets the message the next page of session `id` shows.
    func flash(_ id: String, _ flash: Flash) {
        lock.lock()
        sessions[id]?.flash = flash
        lock.unlock()
    }

    /// Takes the message of session `id` (shown once).
    func takeFlash(_ id: String) -> Flash? {
        lock.lock()
        defer { lock.unlock() }
        let flash = sessions[id]?.flash
        sessions[id]?.flash = nil
        return flash
    }

    /// 32 random bytes as hex.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
