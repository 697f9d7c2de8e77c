import Foundation
import Synchronization

/// Who stopped or paused a run, and why: recorded in the run's `run_cancelled` or
/// `run_paused` event and its record's `stopped_by` and `error`.
public struct RunStop: Sendable, Hashable {
    /// The reason recorded when none is given.
    public static let defaultReason = "Stopped by user"

    /// Who asked (an API key's name, `cli`, `runnel` for the engine's own policies).
    public var by: String
    /// Why.
    public var reason: String

    /// Creates a stop; an empty or missing reason is ``defaultReason``.
    public init(by: String = "user", reason: String? = nil) {
        self.by = by
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.reason = trimmed.isEmpty ? Self.defaultReason : trimmed
    }
}

/// What was asked of one running run while it runs: a pause (running steps finish, no new
/// step starts) or a stop. The engine sets it; the run loop hears of a pause through its
/// mailbox and reads the stop when it records the cancellation.
final class RunControl: Sendable {
    private struct State {
        var pause: RunStop?
        var stop: RunStop?
        var listener: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Calls `listener` when a pause is asked (at once when it was asked already).
    func onPause(_ listener: @escaping @Sendable () -> Void) {
        let asked = state.withLock { state -> Bool in
            state.listener = listener
            return state.pause != nil
        }
        if asked { listener() }
    }

    /// Asks the run to pause; a second ask changes nothing.
    func pause(_ request: RunStop) {
        let listener = state.withLock { state -> (@Sendable () -> Void)? in
            guard state.pause == nil else { return nil }
            state.pause = request
            return state.listener
        }
        listener?()
    }

    /// Records who stopped the run (before its task is cancelled).
    func stop(_ request: RunStop) {
        state.withLock { if $0.stop == nil { $0.stop = request } }
    }

    /// The pause asked, if any.
    var pauseRequest: RunStop? { state.withLock { $0.pause } }

    /// The stop asked, if any.
    var stopRequest: RunStop? { state.withLock { $0.stop } }
}
