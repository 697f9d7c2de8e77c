import Foundation
import RunnelTestSupport
import Testing

/// `runnel generate` drafts a workflow on its own branch with a real (local) model server;
/// `runnel approve` merges it into the branch, active.
@Suite struct GenerateCommandTests {
    static let answer = """
        ```yaml
        name: Weekly cleanup
        steps:
          - id: clean
            type: script
            config: {run: "echo cleaned"}
        ```
        """

    @Test func generateDraftsOnABranchAndApproveMergesIt() async throws {
        let model = try await ModelServer.start(["name: Weekly cleanup\nsteps:\n  - id: clean\n    type: scrip\n", Self.answer])
        defer { model.stop() }
        let repo = try GitScratch.make()
        defer { repo.remove() }
        let start = try repo.commit("initial", [
            "runnel.yaml": "providers:\n  default: {base_url: \"\(model.baseURL)\", model: test-model}\n",
            "workflows/other.yaml": wf("Other", steps: ["a"]),
        ])
        let output = try await runnel(["generate", "Clean the temp folder every Monday", "--schedule", "0 6 * * 1"], in: repo.url)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.hasPrefix("Drafted weekly-cleanup on drafts/weekly-cleanup: commit "), "\(output.stdout)")
        #expect(output.stdout.contains("(2 model answers)"))
        #expect(output.stdout.contains("  clean (script)\n  on schedule 0 6 * * 1\n"))
        #expect(try repo.git(["rev-parse", "HEAD"]).hasPrefix(start), "the checked-out branch did not move")
        let draft = try repo.git(["show", "drafts/weekly-cleanup:workflows/weekly-cleanup.yaml"])
        #expect(draft.contains("status: draft\n"))
        let repair = await model.messages(of: 1).last ?? ""
        #expect(repair.contains("workflows/weekly-cleanup.yaml:") || repair.contains("workflows/draft.yaml:"), "\(repair)")
        #expect(repair.contains("'scrip'"), "the diagnostics name the bad step type: \(repair)")

        let approve = try await runnel(["approve", "weekly-cleanup"], in: repo.url)
        #expect(approve.status == 0, "\(approve.stdout)\(approve.stderr)")
        #expect(approve.stdout.hasPrefix("Approved weekly-cleanup: merge commit "))
        #expect(approve.stdout.hasSuffix("status active\n"))
        #expect(try repo.git(["show", "HEAD:workflows/weekly-cleanup.yaml"]).contains("status: active\n"))
        #expect(try repo.git(["rev-list", "--parents", "-n", "1", "HEAD"]).split(separator: " ").count == 3, "a merge commit")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        let again = try await runnel(["approve", "weekly-cleanup"], in: repo.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already"))
    }
}
