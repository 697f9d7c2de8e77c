extension Duration {
    /// `seconds` as a duration to sleep for: negative, NaN and zero give zero, and anything
    /// past about 285,000 years is clamped, so a sleep derived from outside data (a retry's
    /// backoff, an approval's timeout, a wake-up time) never traps on conversion.
    public static func sleep(seconds: Double) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return seconds == .infinity ? .milliseconds(maximumSleepMilliseconds) : .zero }
        return .milliseconds(Int64(min(seconds * 1000, Double(maximumSleepMilliseconds))))
    }

    public static let maximumSleepMilliseconds: Int64 = 9_000_000_000_000_000
}
