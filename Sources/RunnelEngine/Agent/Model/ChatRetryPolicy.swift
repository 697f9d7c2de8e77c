/// How a chat client retries a failed request (connection errors, timeouts, 429, 5xx,
/// malformed answers): exponential backoff from `initial`, capped at `max`; a `Retry-After`
/// header replaces the computed delay (capped at `maxRetryAfter`).
public struct ChatRetryPolicy: Sendable, Hashable {
    /// Total attempts, the first included.
    public var attempts: Int
    /// Delay before the second attempt.
    public var initial: Duration
    /// Upper bound of a computed delay.
    public var max: Duration
    /// Upper bound of a delay asked for by `Retry-After`.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(attempts: Int = 3, initial: Duration = .seconds(1), max: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(60)) {
        self.attempts = Swift.max(1, attempts)
        self.initial = initial
        self.max = max
        self.maxRetryAfter = maxRetryAfter
    }

    /// Three attempts, 1 s then 2 s apart.
    public static let standard = ChatRetryPolicy()

    /// The delay after failed attempt `attempt` (1-based), given the server's `Retry-After`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return Swift.min(retryAfter, maxRetryAfter) }
        var delay = initial
        for _ in 1..<Swift.max(1, attempt) { delay *= 2 }
        return Swift.min(delay, max)
    }
}
