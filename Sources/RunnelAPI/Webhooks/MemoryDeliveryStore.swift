public import Foundation
import Synchronization

/// Deliveries remembered in memory (tests, and a server that may forget them on restart).
public final class MemoryDeliveryStore: DeliveryStore {
    public let window: Duration
    private let entries = Mutex<[String: (runID: String, time: Date)]>([:])

    /// An empty store remembering deliveries for `window`.
    public init(window: Duration = defaultDeliveryWindow) {
        self.window = window
    }

    public func run(for key: String, now: Date) throws(DeliveryStoreError) -> String? {
        guard let entry = entries.withLock({ $0[key] }), isRemembered(entry.time, now: now) else { return nil }
        return entry.runID
    }

    public func record(_ key: String, runID: String, at time: Date) throws(DeliveryStoreError) {
        entries.withLock { entries in
            entries = entries.filter { isRemembered($0.value.time, now: time) }
            entries[key] = (runID, time)
        }
    }
}
