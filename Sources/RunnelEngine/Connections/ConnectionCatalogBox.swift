import Synchronization

/// The connections in force, shared between the daemon (which replaces them when
/// `runnel.yaml` changes) and the HTTP step runners (which read them when a request starts).
public final class ConnectionCatalogBox: Sendable {
    private let current: Mutex<ConnectionCatalog>

    /// A box holding `catalog`.
    public init(_ catalog: ConnectionCatalog = ConnectionCatalog()) {
        current = Mutex(catalog)
    }

    /// The catalog now.
    public var catalog: ConnectionCatalog { current.withLock { $0 } }

    /// Replaces the catalog.
    public func update(_ catalog: ConnectionCatalog) { current.withLock { $0 = catalog } }
}
