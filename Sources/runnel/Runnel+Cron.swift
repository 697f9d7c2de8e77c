import ArgumentParser
import Foundation
import RunnelCore

extension Runnel {
    struct Cron: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with cron expressions offline.",
            subcommands: [Next.self]
        )
    }
}

extension Runnel.Cron {
    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the next fire times of a cron expression, one ISO 8601 timestamp per line."
        )

        @Argument(help: "A 5-field cron expression or macro, quoted: \"0 9 * * 1-5\", \"@daily\".")
        var expression: String

        @Option(help: "IANA time zone the expression is read in.")
        var timezone = "UTC"

        @Option(help: "Start after this instant: ISO 8601 with an offset, or local time in --timezone (default: now).")
        var from: String?

        @Option(help: "How many fire times to print (1-1000).")
        var count = 5

        func run() throws {
            guard let zone = TimeZone.named(timezone) else {
                throw CLIError.usage("unknown time zone '\(timezone)'; use an IANA name such as America/New_York")
            }
            guard (1...1000).contains(count) else { throw CLIError.usage("--count must be between 1 and 1000") }
            let cron: CronExpression
            do {
                cron = try CronExpression(parsing: expression)
            } catch {
                throw CLIError.usage("invalid cron '\(expression)' at column \(error.offset + 1): \(error.message)")
            }
            var start = Date()
            if let from {
                guard let date = Timestamp.parse(from, defaultTimeZone: zone) else {
                    throw CLIError.usage("--from '\(from)' is not an ISO 8601 time such as 2026-03-08T00:00:00-05:00")
                }
                start = date
            }
            let times = CronSchedule(cron, timeZone: zone).next(after: start, count: count)
            if times.isEmpty { throw CLIError(description: "'\(expression)' never fires", exitStatus: 1) }
            for time in times { print(Timestamp.format(time, in: zone)) }
        }
    }
}
