import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `runnel pause` through a running `runnel serve`.
@Suite struct PauseCommandTests {
    @Test func pausesARunningRunAndSaysWhyItCannot() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        // The first step runs until the test has paused the run (a loaded machine may take seconds per command).
        let mark = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-pause-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: mark) }
        try repo.commit("slow", ["workflows/slow.yaml": """
            name: Slow
            steps:
              - {id: first, type: script, config: {run: 'while [ ! -e "\(mark)" ]; do sleep 0.1; done'}}
              - {id: second, type: script, depends_on: [first], config: {run: "true"}}
            """])
        let state = repo.url.appendingPathComponent(".runnel").path
        let key = try await CLI.run(["keys", "create", "ops", "--scopes", "run", "--keys-file", state + "/keys.json"], in: repo.url)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = Int.random(in: 20_000..<40_000)
        let api = "http://127.0.0.1:\(port)"
        let serve = try CLI.start(["serve", "--repo", repo.path, "--state", state, "--listen", "127.0.0.1:\(port)"], in: repo.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        let started = try await ApprovalCommandTests.until("the API answers") {
            let answer = await ApprovalCommandTests.post(api + "/api/workflows/slow/run", key: key)
            return answer.contains("run_id") ? answer : nil
        }
        let body = try JSONSerialization.jsonObject(with: Data(started.utf8)) as? [String: Any]
        let runID = try #require(body?["run_id"] as? String)
        let paused = try await ApprovalCommandTests.until("the run pauses") {
            let answer = try await CLI.run(["pause", runID, "--reason", "a look", "--api", api, "--key", key], in: repo.url)
            return answer.status == 0 ? answer.stdout : nil
        }
        #expect(paused == "\(runID): pausing\n")
        _ = FileManager.default.createFile(atPath: mark, contents: nil)
        // Once the running step has ended the run is paused: a second pause says so.
        let again = try await ApprovalCommandTests.until("the run is paused") {
            let answer = try await CLI.run(["pause", runID, "--api", api, "--key", key], in: repo.url)
            return answer.stderr.contains("is paused; only a running run can be paused") ? "\(answer.status)" : nil
        }
        #expect(again == "1")
        let unknown = try await CLI.run(["pause", "nope", "--api", api, "--key", key], in: repo.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "runnel: run 'nope' not found\n", "\(unknown.stderr)")
        kill(serve.processIdentifier, SIGTERM)
        _ = try await CLI.finish(serve, within: .seconds(30))
    }
}
