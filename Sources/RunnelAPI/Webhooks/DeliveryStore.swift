public import Foundation

/// Where the API remembers the inbound webhook deliveries that started runs (by delivery id:
/// `X-GitHub-Delivery`, `X-Gitlab-Event-UUID`, `X-Runnel-Delivery`), for a window, so that a
/// replayed delivery gets the original run instead of a second one. Implementations: in memory
/// (``MemoryDeliveryStore``), a file in the state folder (``FileDeliveryStore``), PostgreSQL
/// (`PostgresDeliveryStore`, cluster mode). Each must pass `DeliveryStoreTests`.
public protocol DeliveryStore: Sendable {
    /// How long a delivery is remembered.
    var window: Duration { get }

    /// The run that delivery `key` started, when it was recorded less than ``window`` before `now`.
    /// - Throws: ``DeliveryStoreError`` when the store can't be read.
    func run(for key: String, now: Date) async throws(DeliveryStoreError) -> String?

    /// Records that delivery `key` started run `runID` at `time`; forgets deliveries older than the window.
    /// - Throws: ``DeliveryStoreError`` when the store can't be written.
    func record(_ key: String, runID: String, at time: Date) async throws(DeliveryStoreError)
}

/// A delivery store that can't be read or written.
public struct DeliveryStoreError: Error, CustomStringConvertible, Sendable {
    /// What failed, and where.
    public var description: String
    /// The error underneath (a database error), when there is one.
    public var underlying: (any Error)?

    /// An error saying `description`.
    public init(description: String, underlying: (any Error)? = nil) {
        self.description = description
        self.underlying = underlying
    }
}

extension DeliveryStore {
    /// Whether a delivery recorded at `time` is still remembered at `now`.
    func isRemembered(_ time: Date, now: Date) -> Bool {
        now.timeIntervalSince(time) < Double(window.components.seconds)
    }
}

/// How long deliveries are remembered by default: 72 hours, as long as GitHub lets a delivery
/// be redelivered.
public let defaultDeliveryWindow: Duration = .seconds(72 * 3600)
