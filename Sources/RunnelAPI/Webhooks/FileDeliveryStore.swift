public import Foundation
import RunnelCore
import RunnelEngine
import Synchronization

/// Deliveries remembered in a JSON-lines file (`<state>/webhook-deliveries.jsonl`, one
/// `{"key", "run_id", "at"}` per delivery), so a restart doesn't forget them. A record is
/// appended and synced; the file is rewritten without the expired lines whenever they
/// outnumber the live ones. An unreadable line is skipped.
public final class FileDeliveryStore: DeliveryStore {
    public let window: Duration
    /// The file.
    public let path: String
    private struct State {
        var entries: [String: (runID: String, time: Date)] = [:]
        var lines = 0
    }
    private let state = Mutex(State())

    /// The store in `path`, read now (a missing file is an empty store; expired and
    /// unreadable lines are dropped at the next rewrite).
    public init(path: String, window: Duration = defaultDeliveryWindow, now: Date = Date()) {
        self.path = path
        self.window = window
        var loaded = State()
        if let data = FileManager.default.contents(atPath: path) {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                loaded.lines += 1
                guard let value = try? JSONParser.parse(String(line)), let key = value["key"]?.stringValue,
                      let runID = value["run_id"]?.stringValue, let text = value["at"]?.stringValue,
                      let time = try? Date(text, strategy: .iso8601), isRemembered(time, now: now) else { continue }
                loaded.entries[key] = (runID, time)
            }
        }
        let state = loaded
        self.state.withLock { $0 = state }
    }

    public func run(for key: String, now: Date) throws(DeliveryStoreError) -> String? {
        guard let entry = state.withLock({ $0.entries[key] }), isRemembered(entry.time, now: now) else { return nil }
        return entry.runID
    }

    public func record(_ key: String, runID: String, at time: Date) throws(DeliveryStoreError) {
        try state.withLock { (state: inout State) throws(DeliveryStoreError) in
            state.entries = state.entries.filter { isRemembered($0.value.time, now: time) }
            state.entries[key] = (runID, time)
            if state.lines + 1 > 2 * state.entries.count + 16 {
                try rewrite(&state)
                return
            }
            try append(Self.line(key, runID, time))
            state.lines += 1
        }
    }

    private static func line(_ key: String, _ runID: String, _ time: Date) -> String {
        JSONValue.object(["key": .string(key), "run_id": .string(runID), "at": .string(time.formatted(.iso8601))]).serialized() + "\n"
    }

    private func rewrite(_ state: inout State) throws(DeliveryStoreError) {
        let text = state.entries.sorted { $0.key < $1.key }.map { Self.line($0.key, $0.value.runID, $0.value.time) }.joined()
        do {
            try DurableFile.makeFolder(DurableFile.folder(of: path))
            try DurableFile.atomicWrite(Array(text.utf8), to: path)
        } catch {
            throw DeliveryStoreError(description: "cannot write \(path): \(error)")
        }
        state.lines = state.entries.count
    }

    private func append(_ line: String) throws(DeliveryStoreError) {
        do {
            try DurableFile.makeFolder(DurableFile.folder(of: path))
        } catch {
            throw DeliveryStoreError(description: "cannot make the folder of \(path): \(error)")
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DeliveryStoreError(description: "cannot open \(path): errno \(errno)") }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw DeliveryStoreError(description: "cannot append to \(path): errno \(errno)") }
    }
}
