/// A one-line account of what changed between two versions of a workflow definition:
/// "Added 1 step, modified 1 step, changed the schedule".
public enum ChangeSummary {
    /// The summary of the change from `old` to `new` (parsed definitions; `nil` when the
    /// file does not exist on that side).
    public static func describe(from old: JSONValue?, to new: JSONValue?) -> String {
        switch (old, new) {
        case (nil, nil): return "No changes"
        case (nil, let new?):
            let count = new["steps"]?.arrayValue?.count ?? 0
            return "Created the workflow with \(plural(count, "step"))"
        case (_?, nil): return "Deleted the workflow"
        case (let old?, let new?):
            let parts = describeParts(old, new)
            guard let first = parts.first else { return "No changes" }
            return ([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst()).joined(separator: ", ")
        }
    }

    static func describeParts(_ old: JSONValue, _ new: JSONValue) -> [String] {
        var parts: [String] = []
        let a = old.objectValue ?? [:], b = new.objectValue ?? [:]
        if a["name"] != b["name"] { parts.append("renamed the workflow") }
        if a["steps"] != b["steps"] { parts += stepParts(a["steps"], b["steps"], noun: "step") }
        if a["on"] != b["on"] {
            let oldOn = a["on"]?.objectValue ?? [:], newOn = b["on"]?.objectValue ?? [:]
            if oldOn["schedule"] != newOn["schedule"] { parts.append("changed the schedule") }
            for kind in Set(oldOn.keys).union(newOn.keys).sorted() where kind != "schedule" && oldOn[kind] != newOn[kind] {
                parts.append("changed the \(kind) triggers")
            }
            let shapeless = [a["on"], b["on"]].contains { value in value.map { $0.objectValue == nil && $0 != .null } ?? false }
            if shapeless { parts.append("changed the triggers") }
        }
        let named: [String: String] = ["description": "the description", "inputs": "the inputs", "on_failure": "the on_failure steps",
                                       "env": "the environment", "tools": "the tools", "outputs": "the outputs"]
        for key in Set(a.keys).union(b.keys).sorted() where !["name", "steps", "on"].contains(key) && a[key] != b[key] {
            parts.append("changed " + (named[key] ?? "'\(key)'"))
        }
        return parts
    }

    private static func stepParts(_ old: JSONValue?, _ new: JSONValue?, noun: String) -> [String] {
        let before = old?.arrayValue ?? [], after = new?.arrayValue ?? []
        func byID(_ items: [JSONValue]) -> [(String, JSONValue)]? {
            let pairs = items.compactMap { item in item["id"]?.stringValue.map { ($0, item) } }
            return pairs.count == items.count && Set(pairs.map(\.0)).count == pairs.count ? pairs : nil
        }
        guard let a = byID(before), let b = byID(after) else { return ["changed the steps"] }
        let oldMap = Dictionary(uniqueKeysWithValues: a), newMap = Dictionary(uniqueKeysWithValues: b)
        let added = b.filter { oldMap[$0.0] == nil }.count
        let removed = a.filter { newMap[$0.0] == nil }.count
        let modified = b.filter { id, value in oldMap[id].map { $0 != value } ?? false }.count
        let keptOld = a.map(\.0).filter { newMap[$0] != nil }
        let keptNew = b.map(\.0).filter { oldMap[$0] != nil }
        var parts: [String] = []
        if added > 0 { parts.append("added \(plural(added, noun))") }
        if removed > 0 { parts.append("removed \(plural(removed, noun))") }
        if modified > 0 { parts.append("modified \(plural(modified, noun))") }
        if keptOld != keptNew { parts.append("reordered the \(noun)s") }
        return parts
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
