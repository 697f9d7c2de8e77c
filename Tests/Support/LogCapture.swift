public import Logging
import RunnelDaemon
import Synchronization

/// Captures what a `Logger` logs, in memory (as swift-log's `InMemoryLogHandler`): tests read
/// the events — level, constant message, metadata — instead of printed prose.
public final class LogCapture: Sendable {
    /// One event logged.
    public struct Entry: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: Logger.Metadata

        /// The metadata value `key` as text (an array's items joined by ", ").
        public subscript(key: String) -> String? {
            metadata[key]?.text
        }
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    /// A logger that logs into this capture (every level).
    public var logger: Logger {
        Logger(label: "runnel.test") { _ in Handler(capture: self) }
    }

    /// Everything logged so far.
    public var all: [Entry] { entries.withLock { $0 } }

    /// The events logged with `message`.
    public func entries(_ message: String) -> [Entry] { all.filter { $0.message == message } }

    /// Waits (up to `seconds`: long, a loaded machine runs the suite) until an event satisfies `condition`; returns it.
    public func wait(seconds: Double = 120, for condition: @Sendable (Entry) -> Bool) async -> Entry? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let found = all.first(where: condition) { return found }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return all.first(where: condition)
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var values = metadata
            for (key, value) in event.metadata ?? [:] { values[key] = value }
            let entry = Entry(level: event.level, message: event.message.description, metadata: values)
            capture.entries.withLock { $0.append(entry) }
        }
    }
}
