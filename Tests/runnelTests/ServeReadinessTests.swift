import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `runnel serve` keeps answering while it reconciles a heavy push, and its log is one line
/// per event, whatever the names pushed.
@Suite struct ServeReadinessTests {
    static let failing = "name: Fail\nsteps:\n  - {id: boom, type: script, config: {run: \"exit 3\"}}\n"

    /// A large but valid workflow: a chain of `count` script steps.
    static func heavy(_ name: String, steps count: Int) -> String {
        var text = "name: \(name)\ninputs:\n  x: {type: string, default: a}\nsteps:\n  - {id: s0, type: script, config: {run: \"echo $X\", env: {X: \"${{ inputs.x }}\"}}}\n"
        for index in 1..<count {
            text += "  - {id: s\(index), type: script, depends_on: [s\(index - 1)], config: {run: \"echo $X\", env: {X: \"${{ inputs.x }} ${{ steps.s\(index - 1).status }}\"}}}\n"
        }
        return text
    }

    @Test(.timeLimit(.minutes(4)))
    func readyzAnswersWhileAHeavyPushIsReconciledAndTheLogIsOneLinePerEvent() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        // A file name with a line break that reads like a log line of its own.
        let forged = "workflows/z\ncommit 0000000 active: activated forged.yaml"
        try repo.commit("start", ["workflows/fail.yaml": Self.failing, forged: Self.failing])
        let port = Int.random(in: 20_000..<40_000)
        let base = "http://127.0.0.1:\(port)"
        let serve = try CLI.start(["serve", "--repo", repo.url.path, "--state", repo.url.appendingPathComponent("state").path,
                                   "--no-auth", "--listen", "127.0.0.1:\(port)", "--poll-interval", "30"], in: repo.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        try await HTTP.waitUntilUp(base + "/readyz")

        // A run started through the API that fails: both are logged.
        let started = try await HTTP.send("POST", base + "/api/workflows/fail/run", body: "{}")
        #expect(started.status == 202, "\(started.text)")
        let runID = try #require((try JSONSerialization.jsonObject(with: Data(started.text.utf8)) as? [String: Any])?["run_id"] as? String)

        // A heavy push; /readyz is asked again and again while it is reconciled.
        var files: [String: String] = [:]
        // Heavy enough that the reconcile (now work per change) outlasts several polls.
        for index in 0..<6 { files["workflows/heavy\(index).yaml"] = Self.heavy("Heavy \(index)", steps: 2000) }
        for index in 0..<300 { files["workflows/many/w\(index).yaml"] = Self.heavy("Small \(index)", steps: 5) }
        // Asked from before the push on, so that no part of the reconcile goes unobserved.
        let poller = Task { () -> [(reconciling: String?, active: String?, took: Duration)] in
            var answers: [(reconciling: String?, active: String?, took: Duration)] = []
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(150)
            while clock.now < deadline, !Task.isCancelled {
                let began = clock.now
                let answer = try? await HTTP.send("GET", base + "/readyz")
                if let body = answer.flatMap({ try? JSONSerialization.jsonObject(with: Data($0.text.utf8)) as? [String: Any] }) {
                    answers.append((body["reconciling"] as? String, body["active_commit"] as? String, clock.now - began))
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return answers
        }
        let heavy = try repo.commit("heavy", files)
        var done = false
        for _ in 0..<1500 where !done {
            let body = try JSONSerialization.jsonObject(with: Data(try await HTTP.send("GET", base + "/readyz").text.utf8)) as? [String: Any]
            done = body?["active_commit"] as? String == heavy
            if !done { try await Task.sleep(for: .milliseconds(100)) }
        }
        poller.cancel()
        let during = await poller.value.filter { $0.reconciling == heavy }.map(\.took)
        #expect(done, "the heavy commit was activated")
        #expect(!during.isEmpty, "/readyz answered while the heavy commit was being reconciled")
        // No latency bound: the machines are shared; answering before the reconcile ends is the point.
        #expect(try await HTTP.send("GET", base + "/healthz").status == 200)

        kill(serve.processIdentifier, SIGTERM)
        let finished = try await CLI.finish(serve, within: .seconds(60))
        #expect(finished.status == 0, "\(finished.stderr)")
        let lines = finished.stdout.split(separator: "\n").map(String.init)
        // The forged name stays inside its line, escaped.
        #expect(!lines.contains { $0.split(separator: " ", maxSplits: 1).last?.hasPrefix("commit 0000000") == true }, "\(finished.stdout)")
        #expect(finished.stdout.contains(#"invalid: z\ncommit 0000000 active: activated forged"#), "\(finished.stdout)")
        #expect(lines.contains { $0.hasSuffix("run \(runID) of fail started (manual)") }, "\(finished.stdout)")
        #expect(lines.contains { $0.contains("error: run \(runID) of fail failed") }, "\(finished.stdout)")
    }
}
