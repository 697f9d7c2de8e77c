public import RunnelEngine
import Synchronization

/// The key that signs approval and draft links (`<state>/approval-key`, made on first use),
/// loaded once and shared by the services that make or check links.
public final class ApprovalKeyring: Sendable {
    let state: String
    let publicURL: String
    private let cached = Mutex<ApprovalKey?>(nil)

    /// With `shared`, that key (cluster mode: the database's, the same on every node) instead of the file.
    init(state: String, publicURL: String, shared: ApprovalKey? = nil) {
        self.state = state
        self.publicURL = publicURL
        cached.withLock { $0 = shared }
    }

    /// The key.
    /// - Throws: when the key file can't be read or created.
    public func approvalKey() throws(ApprovalKeyError) -> ApprovalKey {
        if let key = cached.withLock({ $0 }) { return key }
        let key = try ApprovalKey.load(state: state)
        cached.withLock { $0 = key }
        return key
    }

    /// Approve and reject links under the configured public URL.
    public func approvalLinks() throws(ApprovalKeyError) -> ApprovalLinks {
        ApprovalLinks(key: try approvalKey(), publicURL: publicURL)
    }
}
