import Foundation
import RunnelPostgres
import RunnelTestSupport
import Testing
@testable import RunnelEngine

/// What only the PostgreSQL store has: migrations, several processes on one database, URLs.
/// (Its run-store behaviour is `RunStoreContractTests`, shared with the other stores.)
@Suite struct PostgresStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(.enabled(if: TestDatabase.runs, TestDatabase.skipNote))
    func nodesStartingTogetherMigrateOnce() async throws {
        try await TestDatabase.withSchema(migrate: false) { database in
            // Four pools (as four nodes) migrate the same new schema at once.
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await RunnelDatabase.with(database.url, logger: TestDatabase.logger) { try await Migrator().migrate($0) } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let all = Migration.all.map(\.version)
            #expect(applied.filter { !$0.isEmpty } == [all])
            #expect(applied.filter(\.isEmpty).count == 3)
            #expect(try await Migrator().appliedVersions(database) == all)
            #expect(try await Migrator().migrate(database).isEmpty)
        }
    }

    @Test(.enabled(if: TestDatabase.runs, TestDatabase.skipNote))
    func aFailingMigrationAppliesNothing() async throws {
        try await TestDatabase.withSchema(migrate: false) { database in
            let broken = Migrator(migrations: [
                Migration(version: 1, name: "good", statements: ["CREATE TABLE runnel_probe (id int)"]),
                Migration(version: 2, name: "bad", statements: ["CREATE TABLE runnel_probe (id int)"]),
            ])
            let error = await #expect(throws: DatabaseError.self) { try await broken.migrate(database) }
            #expect(error?.description.contains("migration 2 (bad) failed") == true)
            #expect(error?.description.contains("already exists") == true)
            let versions = try await Migrator().appliedVersions(database)
            #expect(versions.isEmpty)
        }
    }

    @Test(.enabled(if: TestDatabase.runs, TestDatabase.skipNote))
    func twoProcessesAppendingToOneRunNumberItsEventsOneAfterTheOther() async throws {
        try await TestDatabase.withSchema { database in
            let first = try await PostgresRunStore.open(database)
            let record = try await first.create(RunRecord(id: RunID.make(at: t0), workflowID: "w", trigger: .manual, inputs: [:], createdAt: t0))
            // A second pool on the same schema stands for another node.
            try await RunnelDatabase.with(database.url, logger: TestDatabase.logger) { other in
                let second = try await PostgresRunStore.open(other)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<30 {
                        let store: any RunStore = task % 2 == 0 ? first : second
                        group.addTask { try await store.append(RunEvent(.agentTurn, time: self.t0, stepID: "s\(task)"), to: record.id) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await second.events(of: record.id, after: 0).map(\.id) == Array(1...31))
                #expect(await first.record(record.id)?.lastEventID == 31)
            }
        }
    }

    @Test(.enabled(if: TestDatabase.runs, TestDatabase.skipNote))
    func recoveryListsTheRunsUnfinishedWhenTheStoreOpened() async throws {
        try await TestDatabase.withSchema { database in
            let store = try await PostgresRunStore.open(database)
            let open = try await store.create(RunRecord(id: RunID.make(at: t0), workflowID: "w", trigger: .manual, inputs: [:], createdAt: t0))
            let done = try await store.create(RunRecord(id: RunID.make(at: t0.addingTimeInterval(1)), workflowID: "w", trigger: .manual, inputs: [:], createdAt: t0))
            try await store.append(RunEvent(.runCompleted, time: t0), to: done.id)
            #expect(await store.unfinished().isEmpty)
            let reopened = try await PostgresRunStore.open(database)
            #expect(await reopened.unfinished().map(\.id) == [open.id])
        }
    }

    @Test func databaseURLsAreReadOrRefusedSayingWhy() throws {
        let url = try DatabaseURL("postgres://runner:s%40cret@db.example:6543/runnel?sslmode=disable&schema=node_a")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.user == "runner")
        #expect(url.password == "s@cret")
        #expect(url.database == "runnel")
        #expect(url.schema == "node_a")
        #expect(url.description == "postgres://runner@db.example:6543/runnel?sslmode=disable&schema=node_a")
        #expect(try DatabaseURL("postgresql://u@h/d").port == 5432)
        let cases: [(String, String)] = [
            ("mysql://u@h/d", "must look like postgres://"),
            ("postgres://u:pw@/d", "names no host"),
            ("postgres://h:5432/d", "names no user"),
            ("postgres://u@h", "must name one database"),
            ("postgres://u@h/d?sslmode=maybe", "sslmode 'maybe'"),
            ("postgres://u@h/d?schema=a;drop", "schema 'a;drop'"),
            ("postgres://u@h/d?pool=3", "parameter 'pool'"),
            ("postgres://u:secret@h:99999/d", "port"),
        ]
        for (text, expected) in cases {
            let error = #expect(throws: DatabaseError.self) { try DatabaseURL(text) }
            #expect(error?.description.contains(expected) == true, "\(text): \(error?.description ?? "")")
            #expect(error?.description.contains("secret") == false)
        }
    }
}
