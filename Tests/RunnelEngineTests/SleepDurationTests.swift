import Testing

@testable import RunnelEngine

/// Sleeps derived from outside data (backoffs, approval timeouts, wake-up times) convert
/// without trapping, whatever the number.
@Suite struct SleepDurationTests {
    @Test func anyNumberOfSecondsIsASleepableDuration() {
        #expect(Duration.sleep(seconds: 1.5) == .milliseconds(1500))
        #expect(Duration.sleep(seconds: -3) == .zero)
        #expect(Duration.sleep(seconds: .nan) == .zero)
        // Int64(1e300 * 1000) traps; 999999999d, a valid duration, is 8.64e16 s.
        #expect(Duration.sleep(seconds: 1e300) == .milliseconds(Duration.maximumSleepMilliseconds))
        #expect(Duration.sleep(seconds: 8.64e16) == .milliseconds(Duration.maximumSleepMilliseconds))
        #expect(Duration.sleep(seconds: .infinity) == .milliseconds(Duration.maximumSleepMilliseconds))
    }
}
