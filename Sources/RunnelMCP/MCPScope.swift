/// The API key scope a tool needs (the scopes of Runnel's API keys, docs/daemon.md).
public enum MCPScope: String, Sendable, CaseIterable {
    case read, run, write
}
