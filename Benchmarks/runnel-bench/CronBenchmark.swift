import Foundation
import RunnelCore

/// Next-fire and previous-fire throughput of the cron engine on one thread.
///
/// Each figure is the best of several rounds over a mix of common expressions, asked
/// from instants spread over two years (so that DST days are included in zones that have them).
enum CronBenchmark {
    static let expressions = [
        "*/5 * * * *", "0 9 * * 1-5", "30 2 * * *", "0 0 1 * *", "15 14 1 * *", "0 22 * * 1-5",
        "0 0 29 2 *", "@hourly", "@daily", "0 */6 * * *", "0,30 8-18 * * MON-FRI", "0 0 13 * 5",
    ]

    static func run() {
        // First use of a zone builds its offset table (1800-2400); later schedules share it.
        if let paris = TimeZone.named("Europe/Paris"), let daily = try? CronExpression(parsing: "@daily") {
            let clock = ContinuousClock()
            let began = clock.now
            let schedule = CronSchedule(daily, timeZone: paris)
            let elapsed = clock.now - began
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            print("cron first schedule in Europe/Paris (zone table build): \(String(format: "%.2f", ms)) ms")
            _ = schedule.next(after: Date())
        }
        for zoneName in ["UTC", "America/New_York"] {
            guard let zone = TimeZone.named(zoneName) else { continue }
            let schedules = expressions.compactMap { try? CronExpression(parsing: $0) }.map { CronSchedule($0, timeZone: zone) }
            let next = measure(schedules) { $0.next(after: $1) }
            print("cron next-fire \(zoneName): \(format(next))/s")
            let previous = measure(schedules) { $0.previous(before: $1) }
            print("cron previous-fire \(zoneName): \(format(previous))/s")
        }
    }

    /// Calls per second, best of five rounds of 200,000 calls.
    static func measure(_ schedules: [CronSchedule], _ call: (CronSchedule, Date) -> Date?) -> Double {
        let calls = 200_000
        let start = 1_767_225_600.0  // 2026-01-01T00:00:00Z
        let span = 2 * 365 * 86_400.0
        var best = 0.0
        var checksum = 0.0
        for _ in 0..<5 {
            let clock = ContinuousClock()
            let began = clock.now
            for i in 0..<calls {
                // A cheap, well-spread sequence of instants (golden-ratio stepping).
                let offset = (Double(i) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1) * span
                let date = Date(timeIntervalSince1970: start + offset.rounded(.down))
                checksum += call(schedules[i % schedules.count], date)?.timeIntervalSince1970 ?? 0
            }
            let elapsed = clock.now - began
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = max(best, Double(calls) / seconds)
        }
        if checksum == 42 { print("") }  // keeps the work observable
        return best
    }

    static func format(_ rate: Double) -> String {
        let digits = String(Int(rate))
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return result
    }
}
