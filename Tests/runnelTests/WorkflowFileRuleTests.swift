import Foundation
import Testing

/// One rule says what a workflow file is (RunnelCore's `WorkflowFile`): `runnel validate` (the
/// work tree) and `runnel check` (git trees) find the same files, hidden folders included, and
/// report a hidden component as an invalid id (as the daemon does: DaemonValidationTests).
@Suite struct WorkflowFileRuleTests {
    @Test func aFileInAHiddenFolderIsReportedByValidateAndByCheck() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("base", ["workflows/keep.yaml": wf("Keep", steps: ["a"])])
        try repo.commit("hidden", ["workflows/.drafts/wip.yaml": wf("Wip", steps: ["a"])])
        let problem = "workflow id '.drafts/wip' has a segment starting with '.'"

        let validated = try await runnel(["validate"], in: repo.url)
        #expect(validated.status == 1, "\(validated.stdout)")
        #expect(validated.stdout.contains("workflows/.drafts/wip.yaml:"), "\(validated.stdout)")
        #expect(validated.stdout.contains(problem), "\(validated.stdout)")

        let checked = try await runnel(["check", "--base", "HEAD~1", "--head", "HEAD"], in: repo.url)
        #expect(checked.status == 1, "\(checked.stdout)")
        #expect(checked.stdout.contains("workflows/.drafts/wip.yaml"), "\(checked.stdout)")
        #expect(checked.stdout.contains(problem), "\(checked.stdout)")

        // The folder named explicitly: the same file, the same problem; `.git` is never walked.
        try "name: [unclosed\n".write(to: repo.url.appendingPathComponent(".git/odd.yaml"), atomically: true, encoding: .utf8)
        let named = try await runnel(["validate", "."], in: repo.url)
        #expect(named.stdout.contains(problem), "\(named.stdout)")
        #expect(!named.stdout.contains(".git/"), "\(named.stdout)")
    }
}
