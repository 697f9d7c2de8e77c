import Foundation
import RunnelPostgres
import RunnelTestSupport
import Testing
@testable import RunnelEngine

/// One suite every ``ApprovalKeyStore`` passes: the key is made once, and every reader of the
/// same medium (two processes on one state folder or one database) gets that key.
@Suite struct ApprovalKeyStoreTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case file, memory, postgres

        var testDescription: String { rawValue }

        static var available: [Kind] { TestDatabase.runs ? allCases : [.file, .memory] }

        /// Runs `body` with two stores on one new medium (memory: the same store twice).
        func withStores(_ body: @Sendable (any ApprovalKeyStore, any ApprovalKeyStore) async throws -> Void) async throws {
            switch self {
            case .file:
                let folder = try TemporaryFolder()
                defer { folder.remove() }
                try await body(FileApprovalKeyStore(state: folder.path), FileApprovalKeyStore(state: folder.path))
            case .memory:
                let store = MemoryApprovalKeyStore()
                try await body(store, store)
            case .postgres:
                try await TestDatabase.withSchema { database in
                    try await RunnelDatabase.with(database.url, logger: TestDatabase.logger) { other in
                        try await body(PostgresApprovalKeyStore(database), PostgresApprovalKeyStore(other))
                    }
                }
            }
        }
    }

    @Test(arguments: Kind.available)
    func theKeyIsMadeOnceAndSharedByEveryReader(_ kind: Kind) async throws {
        try await kind.withStores { first, second in
            // Both ask at once on a new medium: one key is made, both get it.
            async let a = first.key()
            async let b = second.key()
            let (keyA, keyB) = try await (a, b)
            let token = ApprovalToken(runID: "r1", stepID: "s", action: .approve, approver: nil, expiresAt: Date().addingTimeInterval(600))
            let signed = keyA.sign(token)
            #expect(keyB.sign(token) == signed)
            #expect(try await first.key().sign(token) == signed)
            #expect((try? keyB.verify(signed).get())?.runID == "r1")
            #expect(ApprovalKey(bytes: ApprovalKey.randomBytes()).sign(token) != signed)
        }
    }
}
