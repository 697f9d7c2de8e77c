import Dispatch
import Foundation
import RunnelEngine

/// Turns Ctrl-C into a callback: the first SIGINT (or SIGTERM) calls `handler` once. A second
/// one, a second or more later, kills the running scripts' process groups and exits at once
/// with status 130 (the run stays `running` in its record; `runnel resume` picks it up).
/// Signals that arrive together (a terminal's Ctrl-C reaches every process of the group)
/// count as one.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable () -> Void) {
        let fired = Flag()
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                switch fired.set() {
                case .first: handler()
                case .again: return
                case .later:
                    ScriptProcessGroups.killAll()
                    exit(130)
                }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Remembers when the first signal came.
    private final class Flag: @unchecked Sendable {
        enum Arrival { case first, again, later }
        private let lock = NSLock()
        private var first: Date?

        func set() -> Arrival {
            lock.lock()
            defer { lock.unlock() }
            guard let first else {
                self.first = Date()
                return .first
            }
            return Date().timeIntervalSince(first) < 1 ? .again : .later
        }
    }
}
