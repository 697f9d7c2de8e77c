import Foundation

/// The keys file as the server sees it: read again whenever it changes on disk, so that a
/// key created or revoked with `runnel keys` takes effect without a restart.
public final class KeyRing: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: APIKeys
    private var modified: Date?

    /// A ring over `keys` (and the file they came from).
    public init(_ keys: APIKeys) {
        self.keys = keys
        modified = Self.modificationDate(keys.path)
    }

    /// The current keys (the last readable version of the file).
    public func current() -> APIKeys {
        lock.lock()
        defer { lock.unlock() }
        let now = Self.modificationDate(keys.path)
        if now != modified, let fresh = try? APIKeys(path: keys.path) {
            keys = fresh
            modified = now
        }
        return keys
    }

    private static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
