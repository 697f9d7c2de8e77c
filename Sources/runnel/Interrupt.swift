import Dispatch
import Foundation

/// Turns Ctrl-C into a callback: the first SIGINT (or SIGTERM) calls `handler` once, a second
/// one exits at once with status 130.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable () -> Void) {
        let fired = Flag()
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if fired.set() { handler() } else { exit(130) }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// A flag that is set once.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false

        /// Sets the flag; true when this call set it.
        func set() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if value { return false }
            value = true
            return true
        }
    }
}
