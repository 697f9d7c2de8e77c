/// `wait`: sleeps for a duration, or polls until an expression holds.
///
/// When polling, the optional `check` request is made at every poll and its output is
/// `poll.output` in the `until` expression (`poll.count` counts the polls).
public struct WaitConfig: Sendable, Hashable {
    /// What to wait for.
    public enum Mode: Sendable, Hashable {
        /// A fixed time.
        case duration(Located<Duration>)
        /// Until the expression holds, checked every `pollInterval` after making `check`.
        case until(Located<String>, pollInterval: Duration, check: HTTPRequestConfig?)
    }

    /// What to wait for.
    public var mode: Mode
}
