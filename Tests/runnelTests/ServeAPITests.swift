import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `runnel serve` as a user runs it, over real HTTP: an API write lands in the bare
/// repository (seen from a fresh clone), a stale write is refused, and a push of garbage
/// (binary files, a YAML bomb, 10,000 files) leaves the daemon running and answering.
@Suite struct ServeAPITests {
    static let greet = "name: Greet\nsteps:\n  - {id: say, type: script, config: {run: \"echo hi\"}}\n"

    @Test(.timeLimit(.minutes(3)))
    func apiWritesAreCommitsAndGarbagePushesAreSurvived() async throws {
        let origin = try GitScratch.make()
        defer { origin.remove() }
        let bare = origin.url.appendingPathComponent("origin.git")
        try origin.git(["init", "-q", "--bare", "-b", "main", bare.path])
        let clone = try GitScratch.make()
        defer { clone.remove() }
        try clone.git(["remote", "add", "origin", bare.path])
        let first = try clone.commit("greet", ["workflows/greet.yaml": Self.greet])
        try clone.git(["push", "-q", "origin", "main"])

        let port = Int.random(in: 20_000..<40_000)
        let base = "http://127.0.0.1:\(port)"
        let serve = try CLI.start(["serve", "--repo", bare.path, "--state", origin.url.appendingPathComponent("state").path,
                                   "--no-auth", "--listen", "127.0.0.1:\(port)", "--poll-interval", "30"], in: origin.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        try await HTTP.waitUntilUp(base + "/readyz")

        // A write through the API is a commit on the branch, authored by the key's name.
        let definition = #"{"definition": "name: Made\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n", "path": "made", "change_summary": "Add made through the API"}"#
        let created = try await HTTP.send("POST", base + "/api/workflows", body: definition)
        #expect(created.status == 201, "\(created.text)")
        let fresh = try GitScratch.make()
        defer { fresh.remove() }
        try fresh.git(["clone", "-q", bare.path, "copy"])
        let log = try fresh.git(["-C", "copy", "log", "--format=%an|%s", "-2"])
        #expect(log.hasPrefix("api|Add made through the API"), "\(log)")

        // Based on the commit before that write: stale.
        let stale = try await HTTP.send("PUT", base + "/api/workflows/greet", headers: ["If-Match": first],
                                        body: #"{"definition": "name: Greet 2\nsteps:\n  - {id: say, type: script, config: {run: \"echo 2\"}}\n"}"#)
        #expect(stale.status == 409, "\(stale.text)")
        #expect(stale.text.contains("stale"))

        // Garbage in one push: a binary file, a YAML bomb, and 10,000 files.
        try clone.git(["pull", "-q", "origin", "main"])
        var files: [String: String] = [:]
        for index in 0..<10_000 {
            files[String(format: "workflows/many/w%05d.yaml", index)] = index % 2 == 0 ? Self.greet : "name: [broken \(index)\n"
        }
        var bomb = #"a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"# + "\n"
        for level in 1..<10 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n" }
        files["workflows/bomb.yaml"] = bomb + "name: *a9\nsteps: []\n"
        let binary = clone.url.appendingPathComponent("workflows/binary.yaml")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: binary)
        let garbage = try clone.commit("garbage", files)
        try clone.git(["push", "-q", "origin", "main"])

        var status = HTTP.Answer(status: 0, text: "")
        for _ in 0..<600 {
            status = try await HTTP.send("GET", base + "/readyz")
            if status.text.contains(#""active_commit":"\#(garbage)""#) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(status.text.contains(#""active_commit":"\#(garbage)""#), "the garbage commit was reconciled: \(status.text)")
        #expect(try await HTTP.send("GET", base + "/healthz").status == 200)
        let bombed = try await HTTP.send("GET", base + "/api/workflows/bomb")
        #expect(bombed.text.contains("invalid"), "\(bombed.text)")
        #expect(bombed.text.contains("aliases"), "\(bombed.text)")
        let binaryEntry = try await HTTP.send("GET", base + "/api/workflows/binary")
        #expect(binaryEntry.text.contains("not valid UTF-8"), "\(binaryEntry.text)")
        let many = try await HTTP.send("GET", base + "/api/workflows?limit=1&status=active")
        #expect(many.text.contains("\"total\":5002") || many.text.contains("\"total\": 5002"), "\(many.text.prefix(300))")
        #expect(try await HTTP.send("GET", base + "/api/workflows/greet").text.contains("Greet"))

        kill(serve.processIdentifier, SIGTERM)
        let finished = try await CLI.finish(serve, within: .seconds(60))
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("active: activated made"), "an API write is logged like a push")
    }
}

/// A tiny HTTP client over URLSession for tests of the real server.
enum HTTP {
    struct Answer {
        var status: Int
        var text: String
    }

    static func send(_ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil) async throws -> Answer {
        guard let target = URL(string: url) else { throw CLITestFailure(description: "bad URL \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, text: String(decoding: data, as: UTF8.self))
    }

    static func waitUntilUp(_ url: String) async throws {
        for _ in 0..<300 {
            if let answer = try? await send("GET", url), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CLITestFailure(description: "\(url) never answered")
    }
}
