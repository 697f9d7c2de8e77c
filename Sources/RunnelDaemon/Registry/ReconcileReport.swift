/// What one reconcile changed, for logs, `runnel status` and the API.
public struct ReconcileReport: Sendable, Equatable {
    /// Workflows whose new version is now active (added or changed).
    public var activated: [String] = []
    /// Workflows whose new file is invalid but an older version keeps running.
    public var keptPrevious: [String] = []
    /// Workflows whose file has never been valid.
    public var invalid: [String] = []
    /// Workflows whose file was deleted.
    public var deleted: [String] = []
    /// Renamed workflows, old id → new id.
    public var renamed: [Rename] = []

    /// One rename.
    public struct Rename: Sendable, Equatable {
        public var from: String
        public var to: String
    }

    /// Whether nothing changed.
    public var isEmpty: Bool {
        activated.isEmpty && keptPrevious.isEmpty && invalid.isEmpty && deleted.isEmpty && renamed.isEmpty
    }
}
