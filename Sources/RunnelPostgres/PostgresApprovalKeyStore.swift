import Foundation
import NIOCore
import PostgresNIO
public import RunnelEngine

/// The approval-link key in PostgreSQL (`runnel_secrets`): the first node to ask inserts a
/// random key (`ON CONFLICT DO NOTHING`), and every node reads that one, so a link mailed by
/// one node is accepted by any. Passes `ApprovalKeyStoreTests` with the file and memory stores.
public struct PostgresApprovalKeyStore: ApprovalKeyStore {
    /// The pool it uses.
    public let database: RunnelDatabase

    /// The store on a migrated database.
    public init(_ database: RunnelDatabase) { self.database = database }

    public func key() async throws(ApprovalKeyError) -> ApprovalKey {
        let candidate = ByteBuffer(bytes: ApprovalKey.randomBytes())
        do {
            let rows = try await database.client.query("""
                WITH made AS (
                    INSERT INTO runnel_secrets (name, value) VALUES ('approval-key', \(candidate))
                    ON CONFLICT (name) DO NOTHING RETURNING value)
                SELECT value FROM made UNION ALL SELECT value FROM runnel_secrets WHERE name = 'approval-key'
                """, logger: database.logger)
            for try await value in rows.decode(ByteBuffer.self) {
                let bytes = Array(value.readableBytesView)
                guard bytes.count == 32 else { throw ApprovalKeyError(description: "the approval key in the database has \(bytes.count) bytes, not 32") }
                return ApprovalKey(bytes: bytes)
            }
            throw ApprovalKeyError(description: "the approval key could not be stored in the database")
        } catch let error as ApprovalKeyError {
            throw error
        } catch {
            throw ApprovalKeyError(description: "cannot read the approval key: \(DatabaseError.describe(error))")
        }
    }
}
