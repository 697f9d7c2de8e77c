import Foundation
import Testing

@testable import RunnelGit

/// Commits that start a new branch from a commit, and merge commits (drafts and approvals).
@Suite struct BranchWriteTests {
    let bot = Signature(name: "Runnel Bot", email: "bot@example.com", date: Date(timeIntervalSince1970: 1_770_000_000), utcOffsetMinutes: 0)

    @Test func aNewBranchStartsAtACommitAndAMergeCommitJoinsIt() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("add a", ["workflows/a.yaml": workflowText("A")])
        let r = try repo.open()
        // A draft branch started at main's tip: the parent is c1, a.yaml is still there.
        let draft = try r.commit([.write(path: "workflows/d.yaml", contents: Array(workflowText("D").utf8))], on: "drafts/d",
                                 expectedTip: nil, message: "Draft d\n", author: bot, startingAt: try id(c1))
        #expect(try repo.git(["rev-parse", "drafts/d~1"]).hasPrefix(c1))
        #expect(try repo.git(["ls-tree", "-r", "--name-only", "drafts/d"]) == "workflows/a.yaml\nworkflows/d.yaml\n")
        #expect(try repo.head() == c1, "the checked-out branch did not move")
        // Starting it again fails: the branch exists.
        #expect(throws: GitError.self) {
            try r.commit([.write(path: "workflows/e.yaml", contents: Array("x".utf8))], on: "drafts/d", expectedTip: nil,
                         message: "again", author: bot, startingAt: try id(c1))
        }
        // main moves on; the merge commit has both parents and main's tree plus the change.
        let c2 = try repo.commit("add b", ["workflows/b.yaml": workflowText("B")])
        let merge = try r.commit([.write(path: "workflows/d.yaml", contents: Array(workflowText("D", note: 1).utf8))], on: "main",
                                 expectedTip: try id(c2), message: "Approve d\n", author: bot, merging: draft)
        #expect(try repo.git(["rev-list", "--parents", "-n", "1", "HEAD"]) == "\(merge.hex) \(c2) \(draft.hex)\n")
        #expect(try repo.git(["ls-tree", "-r", "--name-only", "HEAD"]) == "workflows/a.yaml\nworkflows/b.yaml\nworkflows/d.yaml\n")
        #expect(try repo.git(["show", "HEAD:workflows/d.yaml"]) == workflowText("D", note: 1))
        #expect(try repo.git(["status", "--porcelain"]) == "")
        try repo.git(["fsck", "--full", "--strict"])
    }
}
