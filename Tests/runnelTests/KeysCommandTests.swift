import Foundation
import Testing

/// `runnel keys` and the server's refusal to start without a key.
@Suite struct KeysCommandTests {
    @Test func keysAreCreatedOnceListedAndRevoked() async throws {
        let root = try CLI.scratch(["workflows/a.yaml": "name: A\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let created = try await CLI.run(["keys", "create", "ci", "--scopes", "read,run"], in: root)
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("rnl_") && key.count == 4 + 64)
        let file = try String(contentsOf: root.appendingPathComponent(".runnel/keys.json"), encoding: .utf8)
        #expect(!file.contains(key), "only the hash is stored")
        #expect(try await CLI.run(["keys", "create", "ci"], in: root).status == 1, "an active name can't be taken twice")
        #expect(try await CLI.run(["keys", "create", "x", "--scopes", "root"], in: root).status == 2)
        #expect(try await CLI.run(["keys", "list"], in: root).stdout.contains("ci  read,run  active"))
        #expect(try await CLI.run(["keys", "revoke", "ci"], in: root).status == 0)
        #expect(try await CLI.run(["keys", "list"], in: root).stdout.contains("ci  read,run  revoked"))
        #expect(try await CLI.run(["keys", "revoke", "ci"], in: root).status == 1)
    }

    @Test func aKeysFileNamedRelativeToTheCurrentFolderIsWrittenThere() async throws {
        let root = try CLI.scratch(["workflows/a.yaml": "name: A\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let created = try await CLI.run(["keys", "create", "ci", "--scopes", "read", "--keys-file", "keys.json"], in: root)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("keys.json").path))
        #expect(try await CLI.run(["keys", "list", "--keys-file", "keys.json"], in: root).stdout.contains("ci  read  active"))
    }

    @Test func serveRefusesToStartWithoutAKeyUnlessToldSo() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("a", ["workflows/a.yaml": "name: A\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"])
        let output = try await CLI.run(["serve", "--listen", "127.0.0.1:0"], in: repo.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("no API key in"))
        #expect(output.stderr.contains("runnel keys create NAME"))
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".runnel/daemon.json").path),
                "nothing is reconciled or written before the refusal")
    }
}
