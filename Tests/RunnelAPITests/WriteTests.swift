import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelTestSupport
import Testing

/// Writes through the API are commits on the watched branch: validated first, checked
/// against the base commit, authored by the API key's owner, active at once.
@Suite struct WriteTests {
    /// git's stdout in `directory` (``TestGit``; a failing command prints nothing here).
    static func git(_ directory: String, _ arguments: String...) throws -> String {
        try TestGit.run(arguments, in: directory, check: false)
    }

    @Test func createUpdateStatusAndDeleteAreCommitsWithOptimisticChecks() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let writer = try keys.create(name: "release-bot", scopes: [.write, .run])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let auth: HTTPFields = [.authorization: "Bearer \(writer)"]
        let start = try #require(await fixture.daemon.activeCommit)
        try await app.test(.router) { client in
            // Create from a JSON object: written as YAML, committed, active at once.
            let created = #"{"definition": {"name": "Nightly Report", "steps": [{"type": "script", "id": "build", "config": {"run": "echo ok"}}]}, "change_summary": "Add the nightly report"}"#
            let commit = try await client.execute(uri: "/api/workflows", method: .post, headers: auth, body: ByteBuffer(string: created)) { response in
                #expect(response.status == .created)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["id"] == "nightly-report")
                #expect(body["status"] == "active")
                return body["commit"]?.stringValue ?? ""
            }
            #expect(await fixture.daemon.activeCommit == commit)
            let log = try Self.git(fixture.folder + "/repo", "log", "-1", "--format=%an|%s", commit)
            #expect(log == "release-bot|Add the nightly report\n")
            let file = try Self.git(fixture.folder + "/repo", "show", "\(commit):workflows/nightly-report.yaml")
            #expect(file.hasPrefix("name: Nightly Report\nsteps:\n- id: build\n  type: script\n"))

            // A write based on the commit before: 409, nothing written.
            let stale = #"{"definition": "name: Greet\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n", "base_commit": "\#(start)"}"#
            try await client.execute(uri: "/api/workflows/greet", method: .put, headers: auth, body: ByteBuffer(string: stale)) { response in
                #expect(response.status == .conflict)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["error"]?["code"] == "stale")
            }
            // A base that names no commit can't be the tip: 409 stale (read again, retry), not a server error.
            try await client.execute(uri: "/api/workflows/greet", method: .delete, headers: auth.merging([.ifMatch: "garbage"])) { response in
                #expect(response.status == .conflict)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["error"]?["code"] == "stale")
            }
            // An invalid definition: 422 with the diagnostics, nothing committed.
            let invalid = #"{"definition": "name: Greet\nsteps:\n  - {id: a, type: wait, depends_on: [ghost], config: {duration: 1s}}\n"}"#
            try await client.execute(uri: "/api/workflows/greet", method: .put, headers: auth.merging([.ifMatch: commit]), body: ByteBuffer(string: invalid)) { response in
                #expect(response.status == .unprocessableContent)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["error"]?["details"]?["diagnostics"]?.arrayValue?.first?.stringValue?.contains("[depends-on]") == true)
            }
            #expect(await fixture.daemon.activeCommit == commit)

            // Pausing is a commit too; a paused workflow doesn't run (422).
            try await client.execute(uri: "/api/workflows/greet/status", method: .patch, headers: auth, body: ByteBuffer(string: #"{"status": "paused"}"#)) { response in
                #expect(response.status == .ok)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["status"] == "paused")
            }
            try await client.execute(uri: "/api/workflows/greet/run", method: .post, headers: auth, body: ByteBuffer(string: #"{"input_data": {"who": "x"}}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/workflows/greet", method: .delete, headers: auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/workflows/greet", method: .get, headers: auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/workflows", method: .post, body: ByteBuffer(string: created)) { #expect($0.status == .unauthorized) }
        }
        let subjects = try Self.git(fixture.folder + "/repo", "log", "--format=%s")
        #expect(subjects == "Delete greet\nSet greet to paused\nAdd the nightly report\ninitial\n")
        #expect(try Self.git(fixture.folder + "/repo", "fsck", "--strict").isEmpty)
    }

    @Test func withoutKeysTheAuthorIsAlwaysAPI() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let body = #"{"definition": "name: Other\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n", "path": "other"}"#
        let commit = try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/workflows", method: .post, headers: [.init("x-runnel-principal")!: "mallory"],
                                     body: ByteBuffer(string: body)) { response in
                try JSONParser.parse(String(buffer: response.body))["commit"]?.stringValue ?? ""
            }
        }
        #expect(try Self.git(fixture.folder + "/repo", "log", "-1", "--format=%an", commit) == "api\n")
    }

    @Test func validateAnswersWithoutWriting() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            let body = #"{"definition": "name: X\nsteps:\n  - {id: a, type: wait, depends_on: [b], config: {duration: 1s}}\n"}"#
            try await client.execute(uri: "/api/workflows/validate", method: .post, body: ByteBuffer(string: body)) { response in
                let result = try JSONParser.parse(String(buffer: response.body))
                #expect(result["valid"] == false)
                #expect(result["errors"]?.arrayValue?.first?["rule"] == "depends-on")
            }
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var copy = self
        for field in other { copy.append(field) }
        return copy
    }
}
