import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `runnel approvals` (from the state folder) and `runnel decide` (through a running `runnel serve`).
@Suite struct ApprovalCommandTests {
    static let gate = """
        name: Gate
        steps:
          - {id: approve, type: approval, config: {message: Ship it?, approvers: [bob]}}
          - {id: after, type: script, depends_on: [approve], config: {run: "true"}}
        """


    /// A POST with a key; "" when the server isn't up yet.
    static func post(_ url: String, key: String) async -> String {
        guard let target = URL(string: url) else { return "" }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("{}".utf8)
        guard let (data, _) = try? await URLSession.shared.data(for: request) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    static func until(_ what: String, _ check: () async throws -> String?) async throws -> String {
        // Up to a minute: the suite runs a few hundred tests at once on two cores.
        for _ in 0..<1200 {
            if let result = try await check() { return result }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLITestFailure(description: "never: \(what)")
    }

    @Test func aWaitingApprovalIsListedAndDecidedFromTheCommandLine() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("gate", ["workflows/gate.yaml": Self.gate])
        let state = repo.url.appendingPathComponent(".runnel").path
        let keysFile = state + "/keys.json"
        let alice = try await CLI.run(["keys", "create", "alice", "--scopes", "run", "--keys-file", keysFile], in: repo.url)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bob = try await CLI.run(["keys", "create", "bob", "--scopes", "run", "--keys-file", keysFile], in: repo.url)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(alice.hasPrefix("rnl_") && bob.hasPrefix("rnl_"))
        let port = Int.random(in: 20_000..<40_000)
        let api = "http://127.0.0.1:\(port)"
        let serve = try CLI.start(["serve", "--repo", repo.path, "--state", state, "--listen", "127.0.0.1:\(port)",
                                   "--public-url", "https://runnel.example.com/"], in: repo.url)
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        let started = try await Self.until("the API answers") {
            let answer = await Self.post(api + "/api/workflows/gate/run", key: alice)
            return answer.contains("run_id") ? answer : nil
        }
        #expect(started.contains("queued"))
        let listing = try await Self.until("the approval is listed") {
            let output = try await CLI.run(["approvals", "--state", state], in: repo.url)
            return output.stdout.contains(" approve  workflow gate") ? output.stdout : nil
        }
        #expect(listing.contains("0/1 approved  approvers: bob"))
        #expect(listing.contains("Ship it?"))
        let runID = try #require(listing.split(separator: " ").first.map(String.init))
        let remote = try await CLI.run(["approvals", "--api", api, "--key", bob], in: repo.url)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == listing)
        let unauthorized = try await CLI.run(["approvals", "--api", api, "--key", "wrong"], in: repo.url)
        #expect(unauthorized.status == 1)
        #expect(unauthorized.stderr.contains("the API key is not valid"))

        let refused = try await CLI.run(["decide", runID, "approve", "--approve", "--api", api, "--key", alice], in: repo.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("'alice' is not an approver of step 'approve'"))
        let usage = try await CLI.run(["decide", runID, "approve", "--api", api, "--key", bob], in: repo.url)
        #expect(usage.status == 2)
        let decided = try await CLI.run(["decide", runID, "approve", "--approve", "--note", "go", "--api", api, "--key", bob], in: repo.url)
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout == "\(runID) approve: approved\n")
        _ = try await Self.until("the run completes") {
            let output = try await CLI.run(["approvals", "--state", state], in: repo.url)
            let show = try await CLI.run(["runs", "show", runID, "--state", state], in: repo.url)
            return output.stdout == "no approvals waiting\n" && show.stdout.contains("completed") ? "" : nil
        }
        kill(serve.processIdentifier, SIGTERM)
        _ = try await CLI.finish(serve, within: .seconds(30))
    }
}
