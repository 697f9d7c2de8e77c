/// `wait`: sleeps for a duration, or polls until an expression holds.
public struct WaitConfig: Sendable, Hashable {
    /// What to wait for.
    public enum Mode: Sendable, Hashable {
        /// A fixed time.
        case duration(Located<Duration>)
        /// Until the expression holds, checked every `pollInterval`.
        case until(Located<String>, pollInterval: Duration)
    }

    /// What to wait for.
    public var mode: Mode
}
