extension Daemon {
    /// The state folder (run records, schedule times, keys): where the API keeps its own small
    /// files, such as the webhook deliveries it has seen.
    public nonisolated var stateFolder: String { configuration.state }
}
