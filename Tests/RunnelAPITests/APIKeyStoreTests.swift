import Foundation
import RunnelAPI
import RunnelPostgres
import RunnelTestSupport
import Testing

/// One suite every ``APIKeyStore`` passes: the keys file, memory and PostgreSQL.
@Suite struct APIKeyStoreTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case file, memory, postgres

        var testDescription: String { rawValue }

        static var available: [Kind] { TestDatabase.runs ? allCases : [.file, .memory] }

        func withStore(_ body: @Sendable (any APIKeyStore) async throws -> Void) async throws {
            switch self {
            case .file:
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-keys-\(UUID().uuidString)").path
                defer { try? FileManager.default.removeItem(atPath: folder) }
                try await body(FileAPIKeyStore(path: folder + "/keys.json"))
            case .memory: try await body(MemoryAPIKeyStore())
            case .postgres: try await TestDatabase.withSchema { try await body(PostgresAPIKeyStore($0)) }
            }
        }
    }

    @Test(arguments: Kind.available)
    func createsFindsAndRevokesKeysByHash(_ kind: Kind) async throws {
        try await kind.withStore { store in
            #expect(try await store.hasActiveKeys() == false)
            let secret = try await store.create(name: "ci", scopes: [.read, .run])
            #expect(secret.hasPrefix("rnl_") && secret.count == 68)
            let found = try #require(try await store.key(for: secret))
            #expect(found.name == "ci" && found.scopes == [.read, .run] && found.allows(.run) && !found.allows(.write))
            #expect(try await store.key(for: secret + "x") == nil)
            #expect(try await store.list().allSatisfy { $0.hash != secret })
            let taken = await #expect(throws: APIKeyError.self) { try await store.create(name: "ci", scopes: [.read]) }
            #expect(taken?.description == "a key named 'ci' exists; revoke it first")
            try await store.revoke(name: "ci")
            #expect(try await store.key(for: secret) == nil)
            let missing = await #expect(throws: APIKeyError.self) { try await store.revoke(name: "ci") }
            #expect(missing?.description == "no active key named 'ci'")
            // The name is free again once revoked; the revoked key stays listed.
            let again = try await store.create(name: "ci", scopes: [.admin])
            #expect(try await store.key(for: again)?.allows(.write) == true)
            #expect(try await store.list().map(\.revoked) == [true, false])
            #expect(try await store.hasActiveKeys())
        }
    }
}
