import Foundation
import RunnelCore

/// How pages show values.
enum Display {
    /// A time for `<time datetime="{{iso}}">{{text}}</time>` (UTC; the script can show local).
    static func time(_ iso: String?) -> [String: Any]? {
        guard let iso, iso.count >= 19 else { return nil }
        return ["iso": iso, "text": iso.prefix(19).replacingOccurrences(of: "T", with: " ") + " UTC"]
    }

    /// A time from a date.
    static func time(_ date: Date?) -> [String: Any]? { time(date?.formatted(.iso8601)) }

    /// A path segment: `data/etl` as `data%2Fetl`.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? text
    }

    static let segmentCharacters: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-_.~")
        return set
    }()

    /// A query string from pairs whose value is not empty (`?a=1&b=2`, or "").
    static func query(_ pairs: [(String, String?)]) -> String {
        let kept = pairs.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + segment(value)
        }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }

    /// A duration in seconds as `1.2 s`, `3 min 4 s`, `2 h 5 min`.
    static func duration(_ seconds: Double?) -> String? {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return nil }
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let whole = Int(min(seconds, 1e12))
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// A JSON value as text: strings as they are, the rest as pretty JSON.
    static func json(_ value: JSONValue?) -> String? {
        guard let value, value != .null else { return nil }
        return value.serialized(pretty: true)
    }

    /// A run summary of the API as the pages show it.
    static func run(_ run: JSONValue) -> [String: Any] {
        let id = run["id"]?.stringValue ?? ""
        let workflow = run["workflow_id"]?.stringValue ?? ""
        var row: [String: Any] = [
            "id": id, "href": "/dashboard/runs/\(segment(id))", "workflow": workflow,
            "workflowHref": "/dashboard/workflows/\(segment(workflow))",
            "status": run["status"]?.stringValue ?? "", "trigger": run["trigger"]?.stringValue ?? "",
        ]
        row["created"] = time(run["created_at"]?.stringValue)
        row["completed"] = time(run["completed_at"]?.stringValue)
        row["open"] = ["queued", "running", "awaiting_approval", "paused"].contains(run["status"]?.stringValue ?? "")
        return row
    }
}

extension Display {
    /// A whole number from the API's JSON (0 when it isn't one that fits).
    static func int(_ value: JSONValue?) -> Int {
        guard let number = value?.numberValue, number.isFinite, abs(number) < 9e15 else { return 0 }
        return Int(number)
    }
}
