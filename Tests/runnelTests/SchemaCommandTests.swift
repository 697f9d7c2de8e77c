import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `runnel schema NAME` prints the schema files of `schemas/` from the binary alone, and
/// `runnel serve` serves them at `/schema/NAME.json` without an API key.
@Suite struct SchemaCommandTests {
    static let names = ["workflow", "template", "settings"]

    static func file(_ name: String) throws -> String {
        try String(contentsOf: CLI.repoRoot.appendingPathComponent("schemas/\(name).schema.json"), encoding: .utf8)
    }

    @Test func printsEachSchemaFromTheBinaryWithNoFileBesideIt() async throws {
        // An empty folder: nothing to read but the binary's own copy.
        let empty = try CLI.scratch([:])
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        for name in Self.names {
            let output = try await CLI.run(["schema", name], in: empty)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout == (try Self.file(name)), "runnel schema \(name)")
            #expect(output.stdout.contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\""))
        }
        #expect(try await CLI.run(["schema"], in: empty).stdout == (try Self.file("workflow")), "the default is the workflow schema")
        let unknown = try await CLI.run(["schema", "workflows"], in: empty)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "runnel: no schema 'workflows'; use one of: workflow, template, settings\n")
        #expect(unknown.stdout.isEmpty)
    }

    static func get(_ url: String) async throws -> (status: Int, type: String, text: String) {
        let target = try #require(URL(string: url))
        let (data, response) = try await URLSession.shared.data(from: target)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
    }

    @Test(.timeLimit(.minutes(2)))
    func serveAnswersEachSchemaWithoutAKey() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("greet", ["workflows/greet.yaml": ServeAPITests.greet])
        let state = repo.url.appendingPathComponent(".runnel").path
        let created = try await CLI.run(["keys", "create", "reader", "--scopes", "read", "--keys-file", state + "/keys.json"], in: repo.url)
        #expect(created.status == 0, "\(created.stderr)")
        let port = Int.random(in: 20_000..<40_000)
        let base = "http://127.0.0.1:\(port)"
        let serve = try CLI.start(["serve", "--repo", repo.path, "--state", state, "--listen", "127.0.0.1:\(port)"], in: repo.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        try await HTTP.waitUntilUp(base + "/readyz")

        for name in Self.names {
            let answer = try await Self.get(base + "/schema/\(name).json")
            #expect(answer.status == 200, "\(name): \(answer.text.prefix(200))")
            #expect(answer.type == "application/schema+json")
            #expect(answer.text == (try Self.file(name)))
        }
        let unknown = try await Self.get(base + "/schema/nope.json")
        #expect(unknown.status == 404)
        #expect(unknown.text.contains("no schema 'nope'; the schemas are /schema/workflow.json, /schema/template.json, /schema/settings.json"))
        // The control: the server does want keys for the rest of the API.
        #expect(try await Self.get(base + "/api/workflows").status == 401)
        kill(serve.processIdentifier, SIGTERM)
    }
}
