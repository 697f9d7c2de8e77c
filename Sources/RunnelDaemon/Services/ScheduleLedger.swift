import Foundation
import RunnelCore
import RunnelEngine

/// `<state>/schedules.json`: each schedule's handled-through instant (`workflow#name` → ISO
/// 8601), written by the scheduler alone after each slot it handles. A state folder from
/// before this file read them from `daemon.json`'s `schedules`.
enum ScheduleLedger {
    static func path(in state: String) -> String { (state as NSString).appendingPathComponent("schedules.json") }

    /// The saved instants: this file's, else those `daemon.json` kept.
    static func load(state: String, saved: DaemonState) -> [String: Date] {
        guard let data = FileManager.default.contents(atPath: path(in: state)) else { return saved.schedules }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([String: Date].self, from: data)) ?? saved.schedules
    }

    static func save(_ times: [String: Date], state: String) throws {
        var object: [String: JSONValue] = [:]
        for (key, date) in times { object[key] = .string(date.formatted(.iso8601)) }
        try DurableFile.makeFolder(state)
        try DurableFile.atomicWrite(Array(JSONValue.object(object).serialized().utf8), to: path(in: state))
    }
}
