import Foundation
import RunnelTestSupport
import Testing

/// `runnel serve` on a bare repository that a clone pushes to, observed with `runnel status`.
@Suite struct ServeCommandTests {
    static let good = "name: Greet\nsteps:\n  - {id: say, type: script, config: {run: \"echo hi\"}}\n"
    static let bad = "name: Greet\nsteps:\n  - {id: say, type: script, depends_on: [ghost], config: {run: \"echo hi\"}}\n"

    @Test func pushesAreActivatedInvalidOnesRefusedAndARevertRestores() async throws {
        let origin = try GitScratch.make()
        defer { origin.remove() }
        let bare = origin.url.appendingPathComponent("origin.git")
        try origin.git(["init", "-q", "--bare", "-b", "main", bare.path])
        let clone = try GitScratch.make()
        defer { clone.remove() }
        try clone.git(["remote", "add", "origin", bare.path])
        try clone.commit("greet", ["workflows/greet.yaml": Self.good])
        try clone.git(["push", "-q", "origin", "main"])

        let state = origin.url.appendingPathComponent("state")
        let serve = try CLI.start(["serve", "--repo", bare.path, "--state", state.path, "--poll-interval", "30", "--no-api"], in: origin.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        // Polling every 30 s: the pushes below are seen through inotify on the refs.
        let first = try await Self.status(state, in: origin.url) { $0.contains("greet") }
        #expect(first.contains("greet     active"))

        let broken = try clone.commit("break", ["workflows/greet.yaml": Self.bad])
        try clone.git(["push", "-q", "origin", "main"])
        let afterBreak = try await Self.status(state, in: origin.url) { $0.contains(broken) }
        #expect(afterBreak.contains("greet     active"), "the previous version keeps running")
        #expect(afterBreak.contains("depends on 'ghost' which doesn't exist [depends-on]"))

        try clone.git(["revert", "--no-edit", "HEAD"])
        let reverted = try clone.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try clone.git(["push", "-q", "origin", "main"])
        let afterRevert = try await Self.status(state, in: origin.url) { $0.contains(reverted) }
        #expect(!afterRevert.contains("[depends-on]"))

        kill(serve.processIdentifier, SIGTERM)
        let finished = try await CLI.finish(serve, within: .seconds(60))
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("active: activated greet"))
        #expect(finished.stdout.contains("invalid, kept the previous version: greet"))
    }

    @Test func aTakenPortIsAFailureNotACleanStop() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("greet", ["workflows/greet.yaml": Self.good])
        let port = Int.random(in: 20_000..<40_000)
        let first = try CLI.start(["serve", "--repo", repo.url.path, "--state", repo.url.appendingPathComponent("one").path,
                                   "--no-auth", "--listen", "127.0.0.1:\(port)"], in: repo.url)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        try await HTTP.waitUntilUp("http://127.0.0.1:\(port)/healthz")
        let second = try CLI.start(["serve", "--repo", repo.url.path, "--state", repo.url.appendingPathComponent("two").path,
                                    "--no-auth", "--listen", "127.0.0.1:\(port)"], in: repo.url)
        let refused = try await CLI.finish(second, within: .seconds(60))
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        // Said in one line, before anything is reconciled.
        #expect(refused.stderr == "runnel: cannot listen on 127.0.0.1:\(port): the address is in use (another server listens there)\n")
        #expect(!refused.stdout.contains("active"), "\(refused.stdout)")
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("two/daemon.json").path))
        kill(first.processIdentifier, SIGTERM)
        _ = try await CLI.finish(first, within: .seconds(60))
    }

    @Test func jsonLogLinesAreOneObjectEach() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("greet", ["workflows/greet.yaml": Self.good, "workflows/bad.yaml": Self.bad])
        let state = repo.url.appendingPathComponent("state")
        let serve = try CLI.start(["serve", "--repo", repo.url.path, "--state", state.path, "--no-api", "--log-format", "json"], in: repo.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        _ = try await Self.status(state, in: repo.url) { $0.contains("greet") }
        kill(serve.processIdentifier, SIGTERM)
        let finished = try await CLI.finish(serve, within: .seconds(60))
        #expect(finished.status == 0, "\(finished.stderr)")
        let lines = finished.stdout.split(separator: "\n")
        #expect(lines.count >= 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object?["time"] != nil && object?["message"] != nil, "\(line)")
            #expect(["info", "warning", "error"].contains(object?["level"] ?? ""), "\(line)")
        }
        #expect(finished.stdout.contains(#""message":"commit "#) || finished.stdout.contains(#""message": "commit "#))
    }

    /// Polls `runnel status` until its output satisfies `condition`.
    static func status(_ state: URL, in directory: URL, _ condition: (String) -> Bool) async throws -> String {
        var last = ""
        for _ in 0..<300 {
            let output = try await CLI.run(["status", "--state", state.path], in: directory)
            last = output.stdout + output.stderr
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLITestFailure(description: "status never matched; last:\n\(last)")
    }
}

/// The daemon part of `make demo` works from a clean state.
@Suite struct DemoScriptTests {
    @Test func theDemoScriptRunsToItsEnd() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["RUNNEL_DEMO_PORT"] = String(Int.random(in: 20_000..<40_000))
        let result = try await TestProcess.run("/bin/bash", [CLI.repoRoot.appendingPathComponent("scripts/demo-daemon.sh").path],
                                               environment: environment, mergingOutput: true)
        let output = result.stdout
        #expect(result.status == 0, "\(output)")
        #expect(output.contains("invalid, kept the previous version: local/disk-report"))
        #expect(output.contains("activated local/disk-report"))
        #expect(output.contains(": completed; outputs"))
    }
}
