public import RunnelEngine
import Synchronization

/// The key that signs approval and draft links (`<state>/approval-key`, made on first use),
/// loaded once and shared by the services that make or check links.
public final class ApprovalKeyring: Sendable {
    let state: String
    let publicURL: String
    private let cached = Mutex<ApprovalKey?>(nil)

    init(state: String, publicURL: String) {
        self.state = state
        self.publicURL = publicURL
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
