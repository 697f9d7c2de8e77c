import Foundation
import RunnelPostgres
import RunnelTestSupport
import Testing

/// The commands of cluster mode against a real PostgreSQL: `migrate`, `import`/`export`
/// between a state folder and the database, `runs --database`, `keys --database`, and
/// `serve --database` recording its runs and checking its keys in the database.
@Suite struct DatabaseCommandTests {
    static let quick = "name: Quick\nsteps:\n  - {id: a, type: script, config: {run: 'echo quick'}}\n"

    @Test(.enabled(if: TestDatabase.runs, TestDatabase.skipNote))
    func migrateImportListAndExportMoveRunHistory() async throws {
        try await TestDatabase.withSchema(migrate: false) { database in
            let url = database.url.description
            let root = try CLI.scratch(["workflows/quick.yaml": Self.quick])
            defer { try? FileManager.default.removeItem(at: root) }
            for _ in 0..<2 { #expect(try await CLI.run(["run", "quick"], in: root).status == 0) }
            let ids = try CLI.runIDs(in: root, workflow: "quick")

            let migrated = try await CLI.run(["migrate", "--database", url], in: root)
            #expect(migrated.status == 0, "\(migrated.stderr)")
            let versions = Migration.all.map { String($0.version) }.joined(separator: ", ")
            #expect(migrated.stdout.contains("applied migrations \(versions); schema at version \(Migration.all.count)"), "\(migrated.stdout)")
            #expect(try await CLI.run(["migrate", "--database", url], in: root).stdout.contains("schema is current"))

            let imported = try await CLI.run(["import", "--database", url], in: root)
            #expect(imported.stdout.contains("copied 2 runs from .runnel to "), "\(imported.stdout)\(imported.stderr)")
            #expect(try await CLI.run(["import", "--database", url], in: root).stdout.contains("copied 0 runs") )
            let listed = try await CLI.run(["runs"], in: root, environment: ["RUNNEL_DATABASE_URL": url, "RUNNEL_STATE": "/nonexistent"])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(ids.allSatisfy(listed.stdout.contains), "\(listed.stdout)")
            let logs = try await CLI.run(["runs", "show", ids[0], "--logs", "--database", url], in: root)
            #expect(logs.stdout == "  a | quick\n", "\(logs.stdout)\(logs.stderr)")

            let exported = try await CLI.run(["export", "--database", url, "--state", "copy"], in: root)
            #expect(exported.stdout.contains("copied 2 runs"), "\(exported.stdout)\(exported.stderr)")
            let copy = try await CLI.run(["runs", "show", ids[1], "--json", "--state", "copy"], in: root)
            let original = try await CLI.run(["runs", "show", ids[1], "--json"], in: root)
            // Durations are recomputed from the events' times (kept to the millisecond) when a
            // copy replays them, as after a crash; everything else is the same.
            let withoutDurations = { (text: String) in text.split(separator: "\n").filter { !$0.contains("duration_seconds") } }
            #expect(withoutDurations(copy.stdout) == withoutDurations(original.stdout))
            #expect(copy.stdout.contains("\"status\" : \"completed\""))
        }
    }

    @Test func aBadOrUnreachableDatabaseIsOneLine() async throws {
        let root = try CLI.scratch(["workflows/quick.yaml": Self.quick])
        defer { try? FileManager.default.removeItem(at: root) }
        let bad = try await CLI.run(["runs", "--database", "mysql://u@h/d"], in: root)
        #expect(bad.status == 2)
        #expect(bad.stderr == "runnel: database URL 'mysql://u@h/d' must look like postgres://USER@HOST:PORT/DATABASE\n")
        let closed = try await CLI.run(["migrate", "--database", "postgres://runnel@127.0.0.1:1/runnel"], in: root)
        #expect(closed.status == 1)
        #expect(closed.stderr.hasPrefix("runnel: cannot reach the database postgres://runnel@127.0.0.1:1/runnel: "), "\(closed.stderr)")
        #expect(closed.stderr.contains("Connection refused"))
        let none = try await CLI.run(["import"], in: root, environment: ["RUNNEL_DATABASE_URL": ""])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no database: pass --database"))
    }

    @Test(.enabled(if: TestDatabase.runs, TestDatabase.skipNote), .timeLimit(.minutes(3)))
    func serveRecordsItsRunsAndChecksItsKeysInTheDatabase() async throws {
        try await TestDatabase.withSchema(migrate: false) { database in
            let url = database.url.description
            let repo = try GitScratch.make()
            defer { repo.remove() }
            try repo.commit("quick", ["workflows/quick.yaml": Self.quick])
            let state = repo.url.appendingPathComponent("state")
            let port = Int.random(in: 20_000..<40_000)
            let base = "http://127.0.0.1:\(port)"
            let arguments = ["serve", "--repo", repo.url.path, "--state", state.path, "--database", url, "--listen", "127.0.0.1:\(port)"]
            // No key in the database yet: the server refuses to start.
            let refused = try await CLI.run(arguments, in: repo.url)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("no API key in the database"), "\(refused.stderr)")
            let created = try await CLI.run(["keys", "create", "ci", "--scopes", "read,run", "--database", url], in: repo.url)
            #expect(created.status == 0, "\(created.stderr)")
            let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secret.hasPrefix("rnl_"))

            let serve = try CLI.start(arguments, in: repo.url)
            defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
            try await HTTP.waitUntilUp(base + "/readyz")
            #expect(try await HTTP.send("POST", base + "/api/workflows/quick/run", body: "{}").status == 401)
            let started = try await HTTP.send("POST", base + "/api/workflows/quick/run", headers: ["Authorization": "Bearer \(secret)"], body: "{}")
            #expect(started.status == 202, "\(started.text)")
            var listed = ""
            for _ in 0..<100 where !listed.contains("completed") {
                listed = try await CLI.run(["runs", "--database", url], in: repo.url).stdout
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(listed.contains("quick") && listed.contains("completed"), "\(listed)")
            #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("runs/quick").path))
            // A key revoked in the database is refused at the next request.
            #expect(try await CLI.run(["keys", "revoke", "ci", "--database", url], in: repo.url).status == 0)
            let after = try await HTTP.send("GET", base + "/api/runs", headers: ["Authorization": "Bearer \(secret)"])
            #expect(after.status == 401, "\(after.text)")
            let keys = try await CLI.run(["keys", "list", "--database", url], in: repo.url)
            #expect(keys.stdout.hasPrefix("ci  read,run  revoked  "), "\(keys.stdout)")
            kill(serve.processIdentifier, SIGTERM)
            let stopped = try await CLI.finish(serve, within: .seconds(60))
            #expect(stopped.status == 0, "\(stopped.stderr)")
            #expect(stopped.stdout.contains("runs in postgres://"), "\(stopped.stdout)")
        }
    }
}
