import Foundation
public import RunnelCore
public import RunnelEngine

/// The repository-wide settings of `runnel.yaml` at the root of the watched branch:
///
/// ```yaml
/// timezone: Europe/Berlin          # schedules without their own timezone
/// notify:                          # run lifecycle notifications
///   - url: https://hooks.example.com/runnel
///     secret: NOTIFY_KEY           # optional: sign with X-Runnel-Signature
///     events: [run.failed]         # optional: default every event
/// max_concurrent_runs: 4           # runs running at once (the flag and the environment win)
/// providers:                       # model providers of agent_task steps
///   default: {base_url: "http://127.0.0.1:11434/v1", model: llama3.2}
/// ```
public struct RepositorySettings: Sendable, Equatable {
    /// One notification target.
    public struct Notification: Sendable, Equatable {
        public var url: String
        public var secret: String?
        /// Event names (`run.started`, `run.completed`, `run.failed`, `run.awaiting_approval`); empty: all.
        public var events: [String]
    }

    /// The events a notification target can ask for.
    public static let eventNames = ["run.started", "run.completed", "run.failed", "run.awaiting_approval"]

    /// The default timezone of schedules.
    public var timezone = "UTC"
    /// Where run lifecycle events are posted.
    public var notify: [Notification] = []
    /// The model providers of agent steps.
    public var providers = ProviderCatalog()

    /// The global limit on running runs, when the file sets one.
    public var maxConcurrentRuns: Int?

    /// The limit when nothing sets one.
    public static let defaultMaxConcurrentRuns = 10

    /// Default settings (no `runnel.yaml`).
    public init() {}

    /// Reads `runnel.yaml`; a problem makes the whole file count as absent, and is returned.
    public static func parse(_ text: String) -> (RepositorySettings, [String]) {
        var settings = RepositorySettings()
        var problems: [String] = []
        let value: SourceValue
        do {
            value = try SourceValue.parse(yaml: text)
        } catch {
            return (settings, ["runnel.yaml:\(error.description)"])
        }
        guard case .object(let members) = value.kind else {
            return (settings, value.kind == .null ? [] : ["runnel.yaml:1:1: expected a mapping of settings"])
        }
        for member in members {
            let at = "runnel.yaml:\(member.value.location.line):\(member.value.location.column)"
            switch member.key.value {
            case "timezone":
                if let name = member.value.string, TimeZone.named(name) != nil { settings.timezone = name } else {
                    problems.append("\(at): 'timezone' must be an IANA time zone name")
                }
            case "max_concurrent_runs":
                if case .number(let number) = member.value.kind, number >= 1, number <= 10_000, number.rounded() == number {
                    settings.maxConcurrentRuns = Int(number)
                } else {
                    problems.append("\(at): 'max_concurrent_runs' must be a whole number from 1 to 10000")
                }
            case "notify":
                for item in member.value.items ?? [] {
                    guard let url = item.members?.first(where: { $0.key.value == "url" })?.value.string else {
                        problems.append("runnel.yaml:\(item.location.line):\(item.location.column): a notify entry needs a 'url'")
                        continue
                    }
                    let secret = item.members?.first { $0.key.value == "secret" }?.value.string
                    let events = (item.members?.first { $0.key.value == "events" }?.value.items ?? []).compactMap(\.string)
                    settings.notify.append(Notification(url: url, secret: secret, events: events))
                }
            case "providers":
                let (catalog, found) = ProviderCatalog.parse(member.value)
                settings.providers = catalog
                problems += found
            default:
                // Other keys belong to other parts; they are ignored here.
                continue
            }
        }
        return (settings, problems)
    }
}
