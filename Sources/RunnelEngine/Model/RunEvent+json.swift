import Foundation

extension RunEvent {
    /// The event as one line of JSON, as the run's event log holds it.
    public func jsonText() -> String {
        guard let data = try? RunCoding.encoder(pretty: false).encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the event ends its run.
    public var endsRun: Bool { [.runCompleted, .runFailed, .runCancelled, .runSkipped].contains(kind) }
}
