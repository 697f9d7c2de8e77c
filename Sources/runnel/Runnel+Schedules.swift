import ArgumentParser
import Foundation
import RunnelCore

extension Runnel {
    struct Schedules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the schedules of the workflows and when each fires next."
        )

        @Argument(help: "Files or folders (default: workflows/ of the enclosing repository).")
        var paths: [String] = []

        @Option(help: "Start after this instant: ISO 8601 with an offset (default: now).")
        var from: String?

        @Option(help: "Fire times to show per schedule.")
        var count = 3

        func run() throws {
            let root = WorkflowFiles.repositoryRoot()
            let targets = paths.isEmpty ? [(root as NSString).appendingPathComponent("workflows")] : paths
            let files = try WorkflowFiles.collect(targets)
            var start = Date()
            if let from {
                guard let date = Timestamp.parse(from, defaultTimeZone: TimeZone.named("UTC") ?? .current) else {
                    throw CLIError.usage("--from '\(from)' is not an ISO 8601 time")
                }
                start = date
            }
            var lines: [String] = []
            for file in files {
                let result = WorkflowFiles.load(file, displayPath: WorkflowFiles.displayPath(file))
                guard let workflow = result.workflow else { continue }
                for (index, schedule) in workflow.triggers.schedules.enumerated() {
                    let name = schedule.id?.value ?? "#\(index)"
                    let zoneName = schedule.timezone?.value ?? "UTC"
                    var line = "\(workflow.id) [\(name)] \"\(schedule.cron.value)\" \(zoneName)"
                    if workflow.status != .active { line += " (\(workflow.status.rawValue): does not fire)" }
                    guard let zone = TimeZone.named(zoneName), let cron = try? CronExpression(parsing: schedule.cron.value) else {
                        lines.append(line + ": invalid, see `runnel validate`")
                        continue
                    }
                    let times = CronSchedule(cron, timeZone: zone).next(after: start, count: count)
                    lines.append(line)
                    lines += times.map { "  " + Timestamp.format($0, in: zone) }
                    if times.isEmpty { lines.append("  never fires") }
                }
            }
            print(lines.isEmpty ? "no schedules" : lines.joined(separator: "\n"))
        }
    }
}
