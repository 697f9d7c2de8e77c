import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The API's validate says what create says; writes that break dependents are refused;
/// `runnel.yaml` is validated with positions by validate, check and the API.
@Suite struct ServeValidationTests {
    static let child = "name: Child\ninputs:\n  who: {type: string, required: true}\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
    static let parent = "name: Parent\nsteps:\n  - {id: call, type: workflow, config: {workflow: child, inputs: {who: Ada}}}\n"

    static func json(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(3)))
    func validateCreateAndDeleteAgreeThroughTheAPI() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("start", ["workflows/child.yaml": Self.child, "workflows/parent.yaml": Self.parent])
        let port = Int.random(in: 20_000..<40_000)
        let base = "http://127.0.0.1:\(port)"
        let serve = try CLI.start(["serve", "--repo", repo.url.path, "--state", repo.url.appendingPathComponent("state").path,
                                   "--no-auth", "--listen", "127.0.0.1:\(port)", "--poll-interval", "30"], in: repo.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        try await HTTP.waitUntilUp(base + "/readyz")

        let ghost = try Self.json("name: P\nsteps:\n  - {id: call, type: workflow, config: {workflow: ghots}}\n")
        let validated = try await HTTP.send("POST", base + "/api/workflows/validate", body: #"{"path": "p", "definition": \#(ghost)}"#)
        #expect(validated.status == 200)
        #expect(validated.text.contains(#""valid":false"#), "\(validated.text)")
        #expect(validated.text.contains("workflow 'ghots' which doesn't exist"), "\(validated.text)")
        let created = try await HTTP.send("POST", base + "/api/workflows", body: #"{"path": "p", "definition": \#(ghost)}"#)
        #expect(created.status == 422, "\(created.text)")
        #expect(created.text.contains("workflow 'ghots' which doesn't exist"), "\(created.text)")

        let deleted = try await HTTP.send("DELETE", base + "/api/workflows/child")
        #expect(deleted.status == 422, "\(deleted.text)")
        #expect(deleted.text.contains("deleting 'child' breaks the workflows that depend on it: parent"), "\(deleted.text)")
        #expect(try await HTTP.send("GET", base + "/api/workflows/child").status == 200)

        let settings = try await HTTP.send("POST", base + "/api/workflows/validate",
                                           body: #"{"path": "runnel.yaml", "definition": "timezone: Mars/Base\n"}"#)
        #expect(settings.text.contains(#""valid":false"#), "\(settings.text)")
        #expect(settings.text.contains(#""line":1"#) && settings.text.contains(#""column":11"#), "\(settings.text)")
        kill(serve.processIdentifier, SIGTERM)
        _ = try await CLI.finish(serve, within: .seconds(60))
    }

    @Test func validateAndCheckReportABadRunnelYAML() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        let base = try repo.commit("start", ["workflows/child.yaml": Self.child, "runnel.yaml": "timezone: UTC\n"])
        try repo.commit("mars", ["runnel.yaml": "timezone: Mars/Base\n"])
        let validated = try await CLI.run(["validate"], in: repo.url)
        #expect(validated.status == 1, "\(validated.stdout)\(validated.stderr)")
        #expect(validated.stdout.contains("runnel.yaml:1:11"), "\(validated.stdout)")
        #expect(validated.stdout.contains("'timezone' must be an IANA time zone name"), "\(validated.stdout)")
        let checked = try await CLI.run(["check", "--base", base, "--head", "HEAD"], in: repo.url)
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("runnel.yaml:1:11: error: 'timezone' must be an IANA time zone name [settings]"), "\(checked.stdout)")
    }
}
