import Foundation
public import RunnelCore

/// Which finished runs a store keeps: `retention: {runs: 90d, keep_last: 1000}` in
/// `runnel.yaml`. Either limit lets a finished run go: one that finished longer than
/// ``maxAge`` ago, or one older than the newest ``keepLast`` runs of its workflow.
/// Unfinished runs are always kept.
public struct RetentionPolicy: Sendable, Equatable {
    /// How long a finished run is kept after it finished (`runs:`).
    public var maxAge: Duration?
    /// How many of each workflow's newest runs are kept (`keep_last:`).
    public var keepLast: Int?

    /// A policy; with neither limit it keeps everything.
    public init(maxAge: Duration? = nil, keepLast: Int? = nil) {
        self.maxAge = maxAge
        self.keepLast = keepLast
    }

    /// The keys of `retention:` (one list for the reader and the editor schema's drift test).
    public static let keys = ["runs", "keep_last"]

    /// Whether the policy prunes nothing.
    public var keepsEverything: Bool { maxAge == nil && keepLast == nil }

    /// Reads a `retention:` mapping; problems are `file:line:col: message`.
    public static func parse(_ value: SourceValue, file: String = "runnel.yaml") -> (RetentionPolicy?, [String]) {
        let at = "\(file):\(value.location.line):\(value.location.column)"
        guard let members = value.members else {
            return (nil, ["\(at): 'retention' must be a mapping such as {runs: 90d, keep_last: 1000}"])
        }
        var policy = RetentionPolicy()
        var problems: [String] = []
        for member in members {
            let here = "\(file):\(member.value.location.line):\(member.value.location.column)"
            switch member.key.value {
            case "runs":
                if let text = member.value.string, let age = Duration(parsing: text), age > .zero {
                    policy.maxAge = age
                } else {
                    problems.append("\(here): 'retention.runs' must be a duration such as 90d or 12h")
                }
            case "keep_last":
                if case .number(let number) = member.value.kind, let count = Int(exactly: number), (1...100_000_000).contains(count) {
                    policy.keepLast = count
                } else {
                    problems.append("\(here): 'retention.keep_last' must be a whole number from 1 to 100000000")
                }
            default:
                problems.append("\(here): unknown key '\(member.key.value)' in 'retention' (expected: \(keys.joined(separator: ", ")))")
            }
        }
        return (problems.isEmpty ? policy : nil, problems)
    }

    /// Reads the `retention:` section of a whole `runnel.yaml` text (other keys are ignored);
    /// nil when it has none.
    public static func parse(settingsText text: String, file: String = "runnel.yaml") -> (RetentionPolicy?, [String]) {
        let value: SourceValue
        do {
            value = try SourceValue.parse(yaml: text)
        } catch {
            return (nil, ["\(file):\(error.description)"])
        }
        guard let section = value["retention"] else { return (nil, []) }
        return parse(section, file: file)
    }
}

extension RunIndex {
    /// The ids of the finished runs `policy` lets go at `now`, oldest first.
    func prunable(_ policy: RetentionPolicy, now: Date) -> [String] {
        var doomed = [Bool](repeating: false, count: entries.count)
        if let maxAge = policy.maxAge {
            let cutoff = now.addingTimeInterval(-maxAge.seconds)
            for (position, entry) in entries.enumerated() where entry.status.isFinished && (entry.completedAt ?? entry.createdAt) < cutoff {
                doomed[position] = true
            }
        }
        if let keepLast = policy.keepLast {
            for list in workflowLists where list.count > keepLast {
                for position in list.dropLast(keepLast) where entries[Int(position)].status.isFinished {
                    doomed[Int(position)] = true
                }
            }
        }
        return entries.indices.filter { doomed[$0] }.map { entries[$0].id }
    }
}
