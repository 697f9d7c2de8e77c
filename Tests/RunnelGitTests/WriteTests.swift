import Foundation
import Synchronization
import Testing

@testable import RunnelGit

@Suite struct WriteTests {
    let ada = Signature(name: "Runnel Bot", email: "bot@example.com", date: Date(timeIntervalSince1970: 1_770_000_000), utcOffsetMinutes: 60)

    @Test func aCommitWrittenByRunnelPassesFsckAndShowsInGitLog() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1), "workflows/b.yaml": workflowText("B")])
        let r = try repo.open()
        let created = try r.commit([.write(path: "workflows/a.yaml", contents: Array(workflowText("A", note: 2).utf8)),
                                    .write(path: "workflows/new/c.yaml", contents: Array(workflowText("C").utf8)),
                                    .delete(path: "workflows/b.yaml")],
                                   on: "main", expectedTip: try id(c1), message: "Update workflows\n\nThree changes.\n", author: ada)
        try repo.git(["fsck", "--full", "--strict"])
        let log = try repo.git(["log", "--format=%H %an <%ae> %s"])
        #expect(log.hasPrefix("\(created.hex) Runnel Bot <bot@example.com> Update workflows\n"))
        #expect(try repo.git(["show", "HEAD:workflows/a.yaml"]) == workflowText("A", note: 2))
        #expect(try repo.git(["show", "--no-renames", "--name-status", "--format=", "HEAD"]).split(separator: "\n").sorted()
                == ["A\tworkflows/new/c.yaml", "D\tworkflows/b.yaml", "M\tworkflows/a.yaml"])
        // The checked-out branch moved: the work tree and the index follow, nothing is left dirty.
        #expect(try repo.git(["status", "--porcelain"]) == "")
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("workflows/b.yaml").path))
        #expect(try String(contentsOf: repo.url.appendingPathComponent("workflows/new/c.yaml"), encoding: .utf8) == workflowText("C"))
    }

    @Test func aStaleBaseFailsAndLosesNothing() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        let c2 = try repo.commit("someone else", ["workflows/a.yaml": workflowText("A", note: 2)])
        let r = try repo.open()
        let error = try #require(throws: GitError.self) {
            try r.commit([.write(path: "workflows/a.yaml", contents: Array("name: x\n".utf8))], on: "main", expectedTip: try id(c1),
                         message: "stale", author: ada)
        }
        #expect(error.kind == .staleBranch)
        #expect(error.message.contains("moved"))
        #expect(try repo.head() == c2)
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test func aConcurrentWriterRacingARollbackLosesNeitherCommit() throws {
        // Two writers prepare a change on the same tip, then both try to move the branch at
        // once: exactly one wins, the other gets the stale-branch error, and the winner's
        // commit is on the branch. Repeated to give the race a chance.
        for round in 0..<8 {
            let bare = try Scratch.repository(bare: true)
            defer { bare.remove() }
            let seed = try GitRepository(path: bare.path)
            let base = try seed.commit([.write(path: "workflows/a.yaml", contents: Array(workflowText("A", note: 1).utf8))],
                                       on: "main", expectedTip: nil, message: "add a", author: ada)
            let v2 = try seed.commit([.write(path: "workflows/a.yaml", contents: Array(workflowText("A", note: 2).utf8))],
                                     on: "main", expectedTip: base, message: "edit a", author: ada)
            let results = Mutex<[Result<ObjectID, GitError>]>([])
            let path = bare.path
            DispatchQueue.concurrentPerform(iterations: 2) { writer in
                let result: Result<ObjectID, GitError>
                do throws(GitError) {
                    let repository = try GitRepository(path: path)  // one repository object per thread
                    let text = writer == 0 ? workflowText("A", note: 1) : workflowText("A", note: 100 + round)
                    let subject = writer == 0 ? "Roll back a to version 1" : "concurrent edit"
                    result = .success(try repository.commit([.write(path: "workflows/a.yaml", contents: Array(text.utf8))],
                                                            on: "main", expectedTip: v2, message: subject))
                } catch {
                    result = .failure(error)
                }
                results.withLock { $0.append(result) }
            }
            let all = results.withLock { $0 }
            let winners = all.compactMap { try? $0.get() }
            let losers = all.compactMap { if case .failure(let e) = $0 { e } else { nil } }
            #expect(winners.count == 1 && losers.count == 1, "round \(round): \(all)")
            #expect(losers.allSatisfy { $0.kind == .staleBranch })
            let tip = try GitRepository(path: path).branchTip("main")
            #expect(tip == winners.first)
            #expect(try seed.commit(try #require(tip)).parents == [v2], "the winner builds on v2; v2 is kept")
            try bare.git(["fsck", "--full", "--strict"])
        }
    }

    @Test func theFirstCommitOfAnEmptyRepositoryAndPathChecks() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let r = try repo.open()
        let first = try r.commit([.write(path: "workflows/a.yaml", contents: Array(workflowText("A").utf8))],
                                 on: "main", expectedTip: nil, message: "first", author: ada)
        #expect(try repo.head() == first.hex)
        #expect(try repo.git(["status", "--porcelain"]) == "")
        // Creating the branch again as if it were new is a stale write.
        let again = try #require(throws: GitError.self) {
            try r.commit([.write(path: "workflows/b.yaml", contents: [])], on: "main", expectedTip: nil, message: "x", author: ada)
        }
        #expect(again.kind == .staleBranch)
        for bad in ["/etc/passwd", "workflows/../x.yaml", ".git/config", "a//b", ""] {
            let error = try #require(throws: GitError.self) {
                try r.commit([.write(path: bad, contents: [1])], on: "main", expectedTip: first, message: "bad", author: ada)
            }
            #expect(error.kind == .invalidArgument, "\(bad)")
        }
        let missing = try #require(throws: GitError.self) {
            try r.commit([.delete(path: "workflows/none.yaml")], on: "main", expectedTip: first, message: "x", author: ada)
        }
        #expect(missing.kind == .pathNotFound)
        let same = try #require(throws: GitError.self) {
            try r.commit([.write(path: "workflows/a.yaml", contents: Array(workflowText("A").utf8))], on: "main", expectedTip: first,
                         message: "x", author: ada)
        }
        #expect(same.kind == .invalidArgument)
        #expect(try repo.head() == first.hex)
    }

    @Test func binaryFilesRoundTrip() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("first", ["workflows/a.yaml": workflowText("A")])
        let bytes: [UInt8] = (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let r = try repo.open()
        let c2 = try r.commit([.write(path: "assets/blob.bin", contents: bytes)], on: "main", expectedTip: try id(c1), message: "binary", author: ada)
        #expect(try r.file(at: "assets/blob.bin", in: c2) == bytes)
        try repo.git(["fsck", "--full", "--strict"])
        #expect(try repo.git(["diff", "--numstat", "HEAD~1", "HEAD"]).hasPrefix("-\t-\tassets/blob.bin"), "git sees a binary file")
    }

    @Test func uncommittedChangesInAPathAreNotOverwritten() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("first", ["workflows/a.yaml": workflowText("A")])
        try repo.write("workflows/a.yaml", "name: local edit\n")
        let r = try repo.open()
        let error = try #require(throws: GitError.self) {
            try r.commit([.write(path: "workflows/a.yaml", contents: Array(workflowText("A", note: 3).utf8))], on: "main",
                         expectedTip: try id(c1), message: "x", author: ada)
        }
        #expect(error.kind == .uncommittedChanges)
        #expect(try repo.head() == c1)
        #expect(try String(contentsOf: repo.url.appendingPathComponent("workflows/a.yaml"), encoding: .utf8) == "name: local edit\n")
    }

    @Test func revertsACommitAndReportsConflicts() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        let bad = try repo.commit("bad edit", ["workflows/a.yaml": workflowText("A", note: 2), "workflows/b.yaml": workflowText("B")])
        let tip = try repo.commit("unrelated", ["workflows/c.yaml": workflowText("C")])
        let r = try repo.open()
        let reverted = try r.revert(try id(bad), on: "main", expectedTip: try id(tip), author: ada)
        try repo.git(["fsck", "--full", "--strict"])
        #expect(try repo.git(["log", "-1", "--format=%s"]) == "Revert \"bad edit\"\n")
        #expect(try repo.git(["show", "HEAD:workflows/a.yaml"]) == workflowText("A", note: 1))
        #expect(try repo.git(["ls-tree", "--name-only", "HEAD", "workflows/"]) == "workflows/a.yaml\nworkflows/c.yaml\n")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        // Reverting the revert's target again changes nothing.
        let twice = try #require(throws: GitError.self) { try r.revert(try id(bad), on: "main", expectedTip: reverted, author: ada) }
        #expect(twice.kind == .invalidArgument || twice.kind == .conflict)
        // A revert that conflicts with a later edit is refused and leaves the branch alone.
        let edit = try repo.commit("edit a", ["workflows/a.yaml": workflowText("A", note: 5)])
        let conflict = try repo.commit("edit a again", ["workflows/a.yaml": workflowText("A", note: 6)])
        let error = try #require(throws: GitError.self) { try r.revert(try id(edit), on: "main", expectedTip: try id(conflict), author: ada) }
        #expect(error.kind == .conflict)
        #expect(try repo.head() == conflict)
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test func revertsAMergeAgainstItsFirstParent() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.commit("feature: edit a", ["workflows/a.yaml": workflowText("A", note: 2)])
        try repo.commit("feature: add b", ["workflows/b.yaml": workflowText("B")])
        try repo.git(["checkout", "-q", "main"])
        try repo.commit("main: add c", ["workflows/c.yaml": workflowText("C")])
        try repo.git(["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"])
        let merge = try repo.head()
        let r = try repo.open()
        try r.revert(try id(merge), on: "main", expectedTip: try id(merge), author: ada)
        try repo.git(["fsck", "--full", "--strict"])
        #expect(try repo.git(["show", "HEAD:workflows/a.yaml"]) == workflowText("A", note: 1))
        #expect(try repo.git(["ls-tree", "--name-only", "HEAD", "workflows/"]) == "workflows/a.yaml\nworkflows/c.yaml\n")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        let versions = try HistoryIndexer(repository: r).index(branch: "main").versions(ofPath: "workflows/a.yaml")
        #expect(versions.map(\.subject) == ["add a", "Merge feature", "Revert \"Merge feature\""])
    }

    @Test func fetchesABranchFromAPathAndFromANamedRemote() throws {
        let upstream = try Scratch.repository()
        defer { upstream.remove() }
        let c1 = try upstream.commit("add a", ["workflows/a.yaml": workflowText("A")])
        let clone = try Scratch.repository(bare: true)
        defer { clone.remove() }
        let r = try clone.open()
        #expect(try r.fetch(from: upstream.path, branch: "main").hex == c1)
        #expect(try r.file(at: "workflows/a.yaml", in: try id(c1)) != nil)
        try clone.git(["remote", "add", "origin", upstream.path])
        let c2 = try upstream.commit("edit a", ["workflows/a.yaml": workflowText("A", note: 2)])
        #expect(try r.fetch(from: "origin", branch: "main").hex == c2)
        #expect(try r.resolve("origin/main").hex == c2)
        let c3 = try upstream.commit("edit a again", ["workflows/a.yaml": workflowText("A", note: 3)])
        #expect(try r.fetch(from: "file://" + upstream.path, branch: "main").hex == c3, "a URL works too")
        let unreachable = try #require(throws: GitError.self) { try r.fetch(from: upstream.path + "-missing", branch: "main") }
        #expect(unreachable.message.hasPrefix("cannot fetch 'main' from \(upstream.path)-missing"), "\(unreachable)")
        #expect(unreachable.kind == .network || unreachable.kind == .revisionNotFound, "\(unreachable)")
        let noBranch = try #require(throws: GitError.self) { try r.fetch(from: upstream.path, branch: "nope") }
        #expect(noBranch.kind == .revisionNotFound, "\(noBranch)")
    }
}
