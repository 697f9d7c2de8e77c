import RunnelCore
import Foundation

/// Reads a run store's files: every record, brought up to date from its event log.
/// A corrupt or half-written file is reported and skipped, never fatal.
struct RunLoader {
    let root: String
    private let decoder = RunCoding.decoder()

    init(root: String) { self.root = root }

    struct Loaded {
        /// The summary of every run found.
        var summaries: [RunSummary] = []
        var problems: [String] = []
    }

    /// What a summary needs of a record: decoding only this skips the step runs' dates and
    /// values, which dominate reading a finished record.
    private struct SummaryFields: Decodable {
        struct Trigger: Decodable { var type: String }
        var id: String
        var workflowID: String
        var status: RunStatus
        var trigger: Trigger
        var createdAt: Date
        var completedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, status, trigger
            case workflowID = "workflow_id"
            case createdAt = "created_at"
            case completedAt = "completed_at"
        }
    }

    /// The summaries of every run in the store's folders (to rebuild the index): a finished
    /// run's from the fields it needs, an unfinished one's from its record and log.
    func load() -> Loaded {
        var loaded = Loaded()
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return loaded }
        var recordPaths: [String] = []
        var logPaths: Set<String> = []
        for case let relative as String in enumerator {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if name.hasSuffix(".events.jsonl") {
                logPaths.insert(root + "/" + relative)
            } else if name.hasSuffix(".json") {
                recordPaths.append(root + "/" + relative)
            }
        }
        for path in recordPaths {
            let logPath = String(path.dropLast(".json".count)) + ".events.jsonl"
            logPaths.remove(logPath)
            if let data = FileManager.default.contents(atPath: path),
               let fields = try? decoder.decode(SummaryFields.self, from: data), fields.status.isFinished {
                loaded.summaries.append(RunSummary(id: fields.id, workflowID: fields.workflowID, status: fields.status,
                                                   trigger: fields.trigger.type, createdAt: fields.createdAt, completedAt: fields.completedAt))
            } else if let record = loadRun(recordPath: path, problems: &loaded.problems) {
                loaded.summaries.append(RunSummary(record))
            }
        }
        // A run whose first snapshot never reached the disk: its log holds run_created.
        for logPath in logPaths.sorted() {
            if let rebuilt = rebuild(fromLog: logPath, problems: &loaded.problems) { loaded.summaries.append(RunSummary(rebuilt)) }
        }
        return loaded
    }

    /// One run from its record (`<base>.json`), brought up to date from its event log when
    /// it is unfinished, or rebuilt from the log when the record is damaged or missing.
    func loadRun(recordPath path: String, problems: inout [String]) -> RunRecord? {
        let logPath = String(path.dropLast(".json".count)) + ".events.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                problems.append("\(path): cannot be read")
                return nil
            }
            return rebuild(fromLog: logPath, problems: &problems)
        }
        var record: RunRecord
        do {
            record = try decoder.decode(RunRecord.self, from: data)
        } catch {
            // The snapshot is damaged: the log may still rebuild the run.
            if let rebuilt = rebuild(fromLog: logPath, problems: &problems) {
                problems.append("\(path): unreadable record (\(Self.reason(error))), rebuilt from its event log")
                return rebuilt
            }
            problems.append("\(path): unreadable record (\(Self.reason(error))), skipped")
            return nil
        }
        if !record.status.isFinished {
            let log = readEvents(logPath)
            problems += log.problems
            for event in log.events where event.id > record.lastEventID {
                record.apply(event)
                record.lastEventID = event.id
            }
        }
        return record
    }

    /// A record made from `run_created` and the events after it.
    func rebuild(fromLog path: String, problems: inout [String]) -> RunRecord? {
        let log = readEvents(path)
        problems += log.problems
        guard let created = log.events.first, created.kind == .runCreated, let data = created.data else { return nil }
        guard let json = try? JSONSerialization.data(withJSONObject: data.foundationObject),
            var record = try? decoder.decode(RunRecord.self, from: json)
        else { return nil }
        record.lastEventID = 0
        for event in log.events {
            record.apply(event)
            record.lastEventID = event.id
        }
        return record
    }

    /// The events of a log. A torn last line (a crash mid-append) is dropped and reported.
    func readEvents(_ path: String) -> (events: [RunEvent], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        var events: [RunEvent] = []
        var problems: [String] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            do {
                let event = try decoder.decode(RunEvent.self, from: Data(line))
                if event.id == (events.last?.id ?? 0) + 1 { events.append(event) }
            } catch {
                problems.append("\(path):\(number + 1): unreadable event (\(Self.reason(error))), ignored")
            }
        }
        return (events, problems)
    }

    static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.keyNotFound(let key, _) = error { return "missing '\(key.stringValue)'" }
        return "\(error)"
    }
}

extension JSONValue {
    /// The value as Foundation objects, for `JSONSerialization`.
    var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case .bool(let b): b
        case .number(let n): n
        case .string(let s): s
        case .array(let a): a.map(\.foundationObject)
        case .object(let o): o.mapValues(\.foundationObject)
        }
    }
}
