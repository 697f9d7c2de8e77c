/// Runnel's version: what `runnel version` prints and the MCP server reports.
public enum RunnelVersion {
    /// The version number.
    public static let number = "0.1.0"
}
