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
/// smtp:                            # mail for approvals
///   {host: mail.example.com, port: 587, from: runnel@example.com, username_secret: U, password_secret: P}
/// approvals:
///   email: [ops@example.com]       # told of every approval that starts waiting
/// retention: {runs: 90d, keep_last: 1000}   # finished runs pruned (age, or past each workflow's newest N)
/// connections:                     # accounts that workflows bind toolkits to (secrets by name)
///   slack-prod: {type: slack, base_url: https://slack.com/api, auth: {type: bearer, secret: SLACK_PROD_TOKEN}}
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
    public static let eventNames = ["run.started", "run.completed", "run.failed", "run.awaiting_approval", "draft.generated"]

    /// An SMTP server to send mail through.
    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var from: String
        public var usernameSecret: String?
        public var passwordSecret: String?
        public var starttls: Bool
        /// A PEM file of extra trusted certificates (a private CA), on the daemon's machine.
        public var caFile: String?
    }

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
    /// Where mail goes out (`smtp:`).
    public var smtp: SMTP?
    /// Addresses told of every approval that starts waiting (`approvals.email`).
    public var approvalEmails: [String] = []
    /// Which finished runs the daemon prunes (`retention:`); nil keeps every run.
    public var retention: RetentionPolicy?
    /// The named connections (`connections:`).
    public var connections = ConnectionCatalog()

    /// Default settings (no `runnel.yaml`).
    public init() {}

    /// The top-level keys Runnel reads (others are ignored); one place for the reader and the
    /// editor schema's drift test (`schemas/settings.schema.json`).
    enum Key: String, CaseIterable {
        case timezone, notify, providers, smtp, approvals, retention, connections
        case maxConcurrentRuns = "max_concurrent_runs"
    }

    /// The keys of `smtp:`.
    static let smtpKeys = ["host", "port", "from", "username_secret", "password_secret", "starttls", "ca_file"]
    /// The keys of `approvals:`.
    static let approvalsKeys = ["email"]

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
            // Other keys belong to other parts; they are ignored here.
            guard let key = Key(rawValue: member.key.value) else { continue }
            switch key {
            case .timezone:
                if let name = member.value.string, TimeZone.named(name) != nil { settings.timezone = name } else {
                    problems.append("\(at): 'timezone' must be an IANA time zone name")
                }
            case .maxConcurrentRuns:
                if case .number(let number) = member.value.kind, number >= 1, number <= 10_000, number.rounded() == number {
                    settings.maxConcurrentRuns = Int(number)
                } else {
                    problems.append("\(at): 'max_concurrent_runs' must be a whole number from 1 to 10000")
                }
            case .notify:
                for item in member.value.items ?? [] {
                    guard let url = item.members?.first(where: { $0.key.value == "url" })?.value.string else {
                        problems.append("runnel.yaml:\(item.location.line):\(item.location.column): a notify entry needs a 'url'")
                        continue
                    }
                    let secret = item.members?.first { $0.key.value == "secret" }?.value.string
                    let events = (item.members?.first { $0.key.value == "events" }?.value.items ?? []).compactMap(\.string)
                    settings.notify.append(Notification(url: url, secret: secret, events: events))
                }
            case .providers:
                let (catalog, found) = ProviderCatalog.parse(member.value)
                settings.providers = catalog
                problems += found
            case .retention:
                let (policy, found) = RetentionPolicy.parse(member.value)
                settings.retention = policy
                problems += found
            case .connections:
                let (catalog, found) = ConnectionCatalog.parse(member.value)
                settings.connections = catalog
                problems += found
            case .smtp:
                settings.smtp = parseSMTP(member.value, at: at, problems: &problems)
            case .approvals:
                for entry in member.value.members ?? [] {
                    guard approvalsKeys.contains(entry.key.value) else {
                        problems.append("\(at): unknown key '\(entry.key.value)' in 'approvals' (expected: \(approvalsKeys.joined(separator: ", ")))")
                        continue
                    }
                    for item in entry.value.items ?? [entry.value] {
                        if let address = item.string, EmailAddress.isPlausible(address) { settings.approvalEmails.append(address) } else {
                            problems.append("runnel.yaml:\(item.location.line):\(item.location.column): 'approvals.email' needs email addresses")
                        }
                    }
                }
            }
        }
        return (settings, problems)
    }

    private static func parseSMTP(_ value: SourceValue, at: String, problems: inout [String]) -> SMTP? {
        guard let members = value.members else {
            problems.append("\(at): 'smtp' must be a mapping {host, port, from, username_secret?, password_secret?, starttls?}")
            return nil
        }
        for member in members where !smtpKeys.contains(member.key.value) {
            problems.append("\(at): unknown key '\(member.key.value)' in 'smtp' (expected: \(smtpKeys.joined(separator: ", ")))")
        }
        let get = { (key: String) in members.first { $0.key.value == key }?.value }
        guard let host = get("host")?.string, !host.isEmpty else {
            problems.append("\(at): 'smtp' needs a 'host'")
            return nil
        }
        guard let from = get("from")?.string, EmailAddress.isPlausible(from) else {
            problems.append("\(at): 'smtp' needs a 'from' email address")
            return nil
        }
        var port = 25
        if let raw = get("port") {
            guard case .number(let value) = raw.kind, let number = Int(exactly: value), (1...65535).contains(number) else {
                problems.append("\(at): 'smtp.port' must be a port number (1-65535)")
                return nil
            }
            port = number
        }
        var starttls = false
        if let raw = get("starttls") {
            guard case .bool(let flag) = raw.kind else {
                problems.append("\(at): 'smtp.starttls' must be true or false")
                return nil
            }
            starttls = flag
        }
        return SMTP(host: host, port: port, from: from, usernameSecret: get("username_secret")?.string,
                    passwordSecret: get("password_secret")?.string, starttls: starttls, caFile: get("ca_file")?.string)
    }
}

extension RepositorySettings {
    /// The file the settings live in, at the root of the branch.
    public static let path = "runnel.yaml"

    /// The problems of `runnel.yaml`'s text as diagnostics with their positions (rule
    /// `settings`), as `runnel validate`, `runnel check`, the API and the daemon report them.
    public static func diagnostics(_ text: String, path: String = RepositorySettings.path) -> [Diagnostic] {
        parse(text).1.map { diagnostic(from: $0, path: path) }
    }

    /// One problem line (`runnel.yaml:3:5: message`) as a diagnostic.
    static func diagnostic(from problem: String, path: String) -> Diagnostic {
        var rest = Substring(problem)
        if rest.hasPrefix(Self.path + ":") { rest = rest.dropFirst(Self.path.count + 1) }
        let parts = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]) {
            return Diagnostic(.error, parts[2].trimmingCharacters(in: .whitespaces), file: path,
                              at: SourceLocation(line: line, column: column), rule: "settings")
        }
        return Diagnostic(.error, rest.trimmingCharacters(in: .whitespaces), file: path, at: .start, rule: "settings")
    }
}
