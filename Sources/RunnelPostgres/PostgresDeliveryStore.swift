public import Foundation
import PostgresNIO
public import RunnelAPI

/// Webhook deliveries in PostgreSQL (`runnel_webhook_deliveries`), shared by every node, so a
/// delivery replayed to another node gets the original run. Passes `WebhookDeliveryTests` with
/// the memory and file stores.
public final class PostgresDeliveryStore: DeliveryStore {
    public let window: Duration
    /// The pool it uses.
    public let database: RunnelDatabase

    /// The store on a migrated database.
    public init(_ database: RunnelDatabase, window: Duration = defaultDeliveryWindow) {
        self.database = database
        self.window = window
    }

    public func run(for key: String, now: Date) async throws(DeliveryStoreError) -> String? {
        let since = now.addingTimeInterval(-Double(window.components.seconds))
        do {
            let rows = try await database.client.query(
                "SELECT run_id FROM runnel_webhook_deliveries WHERE key = \(key) AND recorded_at > \(since)", logger: database.logger)
            for try await runID in rows.decode(String.self) { return runID }
            return nil
        } catch {
            throw DeliveryStoreError(description: "cannot read webhook deliveries: \(DatabaseError.describe(error))", underlying: error)
        }
    }

    public func record(_ key: String, runID: String, at time: Date) async throws(DeliveryStoreError) {
        let expired = time.addingTimeInterval(-Double(window.components.seconds))
        do {
            try await database.client.query("""
                WITH forgotten AS (DELETE FROM runnel_webhook_deliveries WHERE recorded_at <= \(expired))
                INSERT INTO runnel_webhook_deliveries (key, run_id, recorded_at) VALUES (\(key), \(runID), \(time))
                ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, recorded_at = excluded.recorded_at
                """, logger: database.logger)
        } catch {
            throw DeliveryStoreError(description: "cannot record a webhook delivery: \(DatabaseError.describe(error))", underlying: error)
        }
    }
}
