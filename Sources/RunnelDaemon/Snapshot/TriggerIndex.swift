/// Which workflows have event triggers, `on.workflow` triggers, and (runnable ones) webhooks
/// signed with a named secret: kept change by change, so that a push doesn't look at every
/// workflow to publish its snapshot.
struct TriggerIndex: Sendable {
    private(set) var events: Set<String> = []
    private(set) var chains: Set<String> = []
    private(set) var signedHooks: Set<String> = []
    /// Whether the index was built once (until then every entry is indexed).
    private(set) var built = false

    /// Indexes `ids` again as `entries` has them (nil: every entry).
    mutating func update(_ ids: Set<String>?, in entries: [String: WorkflowEntry]) {
        guard let ids, built else {
            self = TriggerIndex()
            built = true
            for id in entries.keys { index(id, entries[id]) }
            return
        }
        for id in ids { index(id, entries[id]) }
    }

    private mutating func index(_ id: String, _ entry: WorkflowEntry?) {
        let triggers = entry?.active?.workflow.triggers
        func mark(_ set: inout Set<String>, _ member: Bool) {
            if member { set.insert(id) } else { set.remove(id) }
        }
        mark(&events, !(triggers?.events.isEmpty ?? true))
        mark(&chains, !(triggers?.workflows.isEmpty ?? true))
        mark(&signedHooks, entry?.isRunnable == true && (triggers?.webhooks.contains { $0.secret != nil } ?? false))
    }
}
