public import Foundation
import Synchronization

/// Where the key that signs approval links is kept, made once when there is none: the state
/// folder (``FileApprovalKeyStore``, the default), memory (``MemoryApprovalKeyStore``), or
/// PostgreSQL (`PostgresApprovalKeyStore`, cluster mode: a link signed on one node is valid on
/// every node). Each passes `ApprovalKeyStoreTests`. (Tokens are single-use through the run
/// store: a decided wait can't be decided again.)
public protocol ApprovalKeyStore: Sendable {
    /// The key; the first call on a new medium makes it, and every caller gets that one.
    func key() async throws(ApprovalKeyError) -> ApprovalKey
}

/// The key in `<state>/approval-key` (``ApprovalKey/load(state:)``).
public struct FileApprovalKeyStore: ApprovalKeyStore {
    /// The state folder.
    public let state: String

    /// The store of state folder `state`.
    public init(state: String) { self.state = state }

    public func key() throws(ApprovalKeyError) -> ApprovalKey { try ApprovalKey.load(state: state) }
}

/// A key made when the store is (tests, a process that needs no links after a restart).
public struct MemoryApprovalKeyStore: ApprovalKeyStore {
    private let made: ApprovalKey

    /// A store with a new random key.
    public init() { made = ApprovalKey(bytes: ApprovalKey.randomBytes()) }

    public func key() -> ApprovalKey { made }
}

extension ApprovalKey {
    /// 32 bytes from the system's random source: a new key's secret.
    public static func randomBytes() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
