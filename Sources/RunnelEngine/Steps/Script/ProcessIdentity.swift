import Foundation
import RunnelCore

/// A process as Linux names it for good: its pid, its start time (clock ticks after boot,
/// field 22 of `/proc/<pid>/stat`) and the boot's id. A pid alone can be reused; the three
/// together can't.
struct ProcessIdentity: Sendable, Hashable {
    var pid: Int32
    var startTicks: UInt64
    var bootID: String

    /// The identity of the running process `pid`, or nil when it is gone.
    static func of(_ pid: Int32) -> ProcessIdentity? {
        guard let stat = ProcessStat.read(pid) else { return nil }
        return ProcessIdentity(pid: pid, startTicks: stat.startTicks, bootID: currentBootID)
    }

    /// This boot's id (`/proc/sys/kernel/random/boot_id`).
    static let currentBootID: String = {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    var json: JSONValue {
        ["pid": .number(Double(pid)), "start_ticks": .number(Double(startTicks)), "boot_id": .string(bootID)]
    }

    /// The identity a `step_process` event recorded.
    init?(_ json: JSONValue?) {
        guard let pid = json?["pid"]?.numberValue, let ticks = json?["start_ticks"]?.numberValue,
              let boot = json?["boot_id"]?.stringValue,
              let pid32 = Int32(exactly: pid), let ticks64 = UInt64(exactly: ticks) else { return nil }
        self.init(pid: pid32, startTicks: ticks64, bootID: boot)
    }

    init(pid: Int32, startTicks: UInt64, bootID: String) {
        self.pid = pid
        self.startTicks = startTicks
        self.bootID = bootID
    }
}

/// The fields of `/proc/<pid>/stat` that Runnel reads.
struct ProcessStat: Sendable {
    var state: Character
    var processGroup: Int32
    var session: Int32
    var startTicks: UInt64

    /// A zombie has ended; only its exit status is left to collect.
    var isZombie: Bool { state == "Z" || state == "X" }

    static func read(_ pid: Int32) -> ProcessStat? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses a stat line; the command name (field 2) may hold spaces and parentheses, so the
    /// fields are counted from its last `)`.
    static func parse(_ text: String) -> ProcessStat? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); field N is fields[N - 3].
        guard fields.count > 19, let state = fields[0].first, let group = Int32(fields[2]), let session = Int32(fields[3]),
              let start = UInt64(fields[19]) else { return nil }
        return ProcessStat(state: state, processGroup: group, session: session, startTicks: start)
    }
}
