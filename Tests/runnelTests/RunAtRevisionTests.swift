import Foundation
import Testing

/// `runnel run --at REV`: the workflow as it was at a commit, pinned for the whole run.
@Suite struct RunAtRevisionTests {
    static func flow(_ label: String) -> String {
        """
        name: Pinned
        steps:
          - {id: say, type: script, config: {run: 'echo "label=\(label)" >> "$RUNNEL_OUTPUT"'}}
        outputs:
          label: ${{ steps.say.output.label }}
        """
    }

    @Test func runsTheCommittedVersionAndRecordsItsCommitAndVersion() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("first", ["workflows/pinned.yaml": Self.flow("one")])
        let second = try repo.commit("second", ["workflows/pinned.yaml": Self.flow("two")])
        try Self.flow("uncommitted").write(to: repo.url.appendingPathComponent("workflows/pinned.yaml"), atomically: true, encoding: .utf8)

        let head = try await CLI.run(["run", "pinned", "--at", "HEAD", "--json"], in: repo.url)
        #expect(head.status == 0, "\(head.stdout)\(head.stderr)")
        #expect(head.stdout.contains("\"label\" : \"two\""))
        #expect(head.stdout.contains("\"commit\" : \"\(second)\""))
        #expect(head.stdout.contains("\"workflow_version\" : 2"))

        let older = try await CLI.run(["run", "pinned", "--at", "HEAD~1", "--json"], in: repo.url)
        #expect(older.stdout.contains("\"label\" : \"one\""))
        #expect(older.stdout.contains("\"workflow_version\" : 1"))

        let workTree = try await CLI.run(["run", "pinned", "--json"], in: repo.url)
        #expect(workTree.stdout.contains("\"label\" : \"uncommitted\""))
        #expect(!workTree.stdout.contains("\"commit\""))
    }

    @Test func aRevisionThatDoesNotExistIsOneClearLine() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("first", ["workflows/pinned.yaml": Self.flow("one")])
        let missing = try await CLI.run(["run", "pinned", "--at", "nope"], in: repo.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("runnel: "))
        #expect(missing.stderr.contains("nope"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let absent = try await CLI.run(["run", "other", "--at", "HEAD"], in: repo.url)
        #expect(absent.status == 2)
        #expect(absent.stderr.contains("workflow 'other' does not exist at HEAD"))
    }
}
