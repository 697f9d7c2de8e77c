import Foundation
import RunnelEngine

/// Inbound webhook deliveries, each started once: a delivery id seen within the store's window
/// (or still being started) answers with the run the first one started.
actor WebhookDeliveries {
    /// What a delivery led to.
    enum Outcome: Sendable {
        /// It started this run.
        case started(RunRecord)
        /// It was seen before: this is the run it started.
        case duplicate(runID: String)
        /// The daemon refused it.
        case refused(EngineError)
        /// The store could not be read.
        case storeFailed(DeliveryStoreError)
    }

    /// The header fields that carry a delivery id, checked in this order.
    static let headers = ["x-github-delivery", "x-gitlab-event-uuid", "x-runnel-delivery"]

    let store: any DeliveryStore
    private var inFlight: [String: Task<Outcome, Never>] = [:]

    init(store: any DeliveryStore) {
        self.store = store
    }

    /// Starts delivery `key` with `start`, unless it was seen: then its first outcome, with the
    /// original run as a duplicate. `recordFailed` hears of a started run the store could not record.
    func deliver(_ key: String, now: Date, start: @escaping @Sendable () async -> Result<RunRecord, EngineError>,
                 recordFailed: @escaping @Sendable (DeliveryStoreError) -> Void) async -> Outcome {
        if let first = inFlight[key] { return Self.repeated(await first.value) }
        let store = store
        let task = Task { () -> Outcome in
            do throws(DeliveryStoreError) {
                if let runID = try await store.run(for: key, now: now) { return .duplicate(runID: runID) }
            } catch {
                return .storeFailed(error)
            }
            switch await start() {
            case .failure(let error):
                return .refused(error)
            case .success(let record):
                do throws(DeliveryStoreError) {
                    try await store.record(key, runID: record.id, at: now)
                } catch {
                    recordFailed(error)
                }
                return .started(record)
            }
        }
        inFlight[key] = task
        let outcome = await task.value
        inFlight[key] = nil
        return outcome
    }

    /// What a delivery that arrives while its first copy is being started gets.
    static func repeated(_ outcome: Outcome) -> Outcome {
        if case .started(let record) = outcome { return .duplicate(runID: record.id) }
        return outcome
    }
}
