import Foundation
import Testing

@testable import RunnelGit

@Suite struct HistoryTests {
    /// git's own answer: first-parent commits that touched `path`, oldest first.
    func gitLog(_ repo: Scratch, _ path: String, follow: Bool = false) throws -> [String] {
        let out = try repo.git(["log", "--first-parent", "--format=%H"] + (follow ? ["--follow"] : []) + ["--", path])
        return out.split(separator: "\n").map(String.init).reversed()
    }

    @Test func versionsAreTheFirstParentCommitsThatChangedTheFile() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        try repo.commit("add b", ["workflows/b.yaml": workflowText("B", note: 1)])
        try repo.commit("edit a", ["workflows/a.yaml": workflowText("A", note: 2)])
        try repo.commit("docs only", ["README.md": "hello\n"])
        try repo.commit("edit both", ["workflows/a.yaml": workflowText("A", note: 3), "workflows/b.yaml": workflowText("B", note: 2)])
        let r = try repo.open()
        let index = try HistoryIndexer(repository: r).index(branch: "main")
        let versions = index.versions(ofPath: "workflows/a.yaml")
        #expect(versions.map(\.commit.hex) == (try gitLog(repo, "workflows/a.yaml")))
        #expect(versions.map(\.number) == [1, 2, 3])
        #expect(versions.map(\.subject) == ["add a", "edit a", "edit both"])
        #expect(versions.first?.change == .added)
        #expect(versions.last?.author == "Ada Tester")
        #expect(index.versions(ofPath: "workflows/b.yaml").count == 2)
        #expect(index.commitCount == 5)
    }

    @Test func aRenameKeepsTheHistoryAndADeleteIsAVersion() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let long = workflowText("Etl", steps: ["extract", "transform", "load", "notify"], note: 1)
        try repo.commit("add etl", ["workflows/etl.yaml": long])
        try repo.commit("edit etl", ["workflows/etl.yaml": long.replacingOccurrences(of: "revision 1", with: "revision 2")])
        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("workflows/data"), withIntermediateDirectories: true)
        try repo.git(["mv", "workflows/etl.yaml", "workflows/data/etl.yaml"])
        try repo.commit("move etl into data/")
        try repo.commit("edit moved", ["workflows/data/etl.yaml": long.replacingOccurrences(of: "revision 1", with: "revision 3")])
        try repo.commit("new etl at the old path", ["workflows/etl.yaml": workflowText("Other", note: 9)])
        try repo.commit("delete the new one", remove: ["workflows/etl.yaml"])
        let index = try HistoryIndexer(repository: try repo.open()).index(branch: "main")
        let moved = index.versions(ofPath: "workflows/data/etl.yaml")
        #expect(moved.map(\.subject) == ["add etl", "edit etl", "move etl into data/", "edit moved"])
        #expect(moved.map(\.commit.hex) == (try gitLog(repo, "workflows/data/etl.yaml", follow: true)))
        #expect(moved[2].change == .renamed(from: "workflows/etl.yaml"))
        #expect(moved[0].path == "workflows/etl.yaml" && moved[3].path == "workflows/data/etl.yaml")
        // The old path's history went with the rename; it starts over.
        let old = index.versions(ofPath: "workflows/etl.yaml")
        #expect(old.map(\.subject) == ["new etl at the old path", "delete the new one"])
        #expect(old.last?.change == .deleted && old.last?.exists == false)
    }

    @Test func mergesCountOnTheFirstParentOnly() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.commit("feature edit 1", ["workflows/a.yaml": workflowText("A", note: 2)])
        try repo.commit("feature edit 2", ["workflows/a.yaml": workflowText("A", note: 3)])
        try repo.git(["checkout", "-q", "main"])
        try repo.commit("main edit b", ["workflows/b.yaml": workflowText("B")])
        try repo.git(["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"])
        let index = try HistoryIndexer(repository: try repo.open()).index(branch: "main")
        let versions = index.versions(ofPath: "workflows/a.yaml")
        #expect(versions.map(\.subject) == ["add a", "Merge feature"])
        #expect(versions.map(\.commit.hex) == (try gitLog(repo, "workflows/a.yaml")))
        #expect(index.versions(ofPath: "workflows/b.yaml").map(\.subject) == ["main edit b"])
    }

    @Test func theIndexIsStoredAndUpdatedIncrementally() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let state = try Scratch.folder()
        defer { state.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        let first = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(first.commitCount == 1)
        let file = HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).indexFile(for: "main")
        #expect(FileManager.default.fileExists(atPath: file))
        try repo.commit("edit a \\ with a backslash", ["workflows/a.yaml": workflowText("A", note: 2)])
        try repo.commit("add weird name", ["workflows/we ird\\name.yaml": workflowText("W")])
        // A new process: a new indexer reads the stored index and adds the two new commits.
        let second = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(second.commitCount == 3)
        #expect(second.versions(ofPath: "workflows/a.yaml").map(\.subject) == ["add a", "edit a \\ with a backslash"])
        #expect(second.versions(ofPath: "workflows/we ird\\name.yaml").count == 1)
        // Loading it back without changes gives the same answers.
        let third = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(third.versions(ofPath: "workflows/a.yaml") == second.versions(ofPath: "workflows/a.yaml"))
        #expect(third.paths == ["workflows/a.yaml", "workflows/we ird\\name.yaml"])
        // A damaged index file is rebuilt, not trusted.
        try Data("runnel-history 1\ngarbage\n".utf8).write(to: URL(fileURLWithPath: file))
        let rebuilt = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(rebuilt.versions(ofPath: "workflows/a.yaml").count == 2)
    }

    @Test func aForcePushedBranchIsReindexed() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let state = try Scratch.folder()
        defer { state.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        try repo.commit("edit a", ["workflows/a.yaml": workflowText("A", note: 2)])
        try repo.commit("edit a again", ["workflows/a.yaml": workflowText("A", note: 3)])
        let before = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(before.versions(ofPath: "workflows/a.yaml").count == 3)
        try repo.git(["reset", "-q", "--hard", "HEAD~2"])
        try repo.commit("rewritten", ["workflows/a.yaml": workflowText("A", note: 7)])
        let after = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(after.versions(ofPath: "workflows/a.yaml").map(\.subject) == ["add a", "rewritten"])
        #expect(after.commitCount == 2)
        // Rewritten again, and the old commits garbage-collected: the stored tip no longer exists.
        try repo.git(["reset", "-q", "--hard", "HEAD~1"])
        try repo.commit("rewritten twice", ["workflows/a.yaml": workflowText("A", note: 8)])
        try repo.git(["reflog", "expire", "--expire=now", "--all"])
        try repo.git(["gc", "-q", "--prune=now"])
        let gone = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(gone.versions(ofPath: "workflows/a.yaml").map(\.subject) == ["add a", "rewritten twice"])
    }

    @Test func aTipThatIsReachableOnlyThroughASecondParentRebuilds() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let state = try Scratch.folder()
        defer { state.remove() }
        try repo.commit("add a", ["workflows/a.yaml": workflowText("A", note: 1)])
        try repo.commit("main edit", ["workflows/a.yaml": workflowText("A", note: 2)])
        _ = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        // Someone merges main into a side branch and fast-forwards main to that merge.
        try repo.git(["checkout", "-q", "-b", "side", "HEAD~1"])
        try repo.commit("side edit", ["workflows/b.yaml": workflowText("B")])
        try repo.git(["merge", "-q", "--no-ff", "-m", "merge main into side", "main"])
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["merge", "-q", "--ff-only", "side"])
        let index = try HistoryIndexer(repository: try repo.open(), stateDirectory: state.path).index(branch: "main")
        #expect(index.versions(ofPath: "workflows/a.yaml").map(\.commit.hex) == (try gitLog(repo, "workflows/a.yaml")))
    }

    @Test func aRepositoryWithoutAWorkflowsFolderHasNoVersions() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("code", ["src/main.c": "int main(void) { return 0; }\n", "a.yaml": "name: not a workflow\n"])
        let index = try HistoryIndexer(repository: try repo.open()).index(branch: "main")
        #expect(index.commitCount == 1)
        #expect(index.paths.isEmpty)
        #expect(index.versions(ofPath: "workflows/a.yaml").isEmpty)
    }

    @Test func diffsTwoCommitsWithRenames() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let body = workflowText("Keep", steps: ["one", "two", "three"])
        let c1 = try repo.commit("base", ["workflows/keep.yaml": body, "workflows/edit.yaml": workflowText("E"),
                                          "workflows/gone.yaml": workflowText("G"), "other/x.txt": "x\n"])
        try repo.git(["mv", "workflows/keep.yaml", "workflows/kept.yaml"])
        let c2 = try repo.commit("change", ["workflows/edit.yaml": workflowText("E", note: 5), "workflows/new.yaml": workflowText("N"),
                                            "other/x.txt": "y\n"], remove: ["workflows/gone.yaml"])
        let r = try repo.open()
        let changes = try r.changes(from: try id(c1), to: try id(c2), under: "workflows")
        let summary = changes.map { "\($0.kindName) \($0.oldPath ?? "-") \($0.newPath ?? "-")" }
        #expect(summary == ["modified workflows/edit.yaml workflows/edit.yaml", "deleted workflows/gone.yaml -",
                            "renamed workflows/keep.yaml workflows/kept.yaml", "added - workflows/new.yaml"])
        #expect(try r.changes(from: try id(c1), to: try id(c2)).count == 5, "without a prefix the other file counts too")
        // The indexer's subtree-skipping walk agrees with libgit2's diff.
        try repo.git(["rm", "-q", "workflows/new.yaml"])
        let c3 = try repo.commit("file becomes a folder", ["workflows/new.yaml/inner.yaml": workflowText("Inner")])
        let c4 = try repo.commit("edit only", ["workflows/edit.yaml": workflowText("E", note: 6)])
        for (a, b) in [(c1, c2), (c2, c3), (c3, c4), (c1, c4)] {
            let fast = try r.fastChanges(from: try r.lookupTree(ofCommit: try id(a)), to: try r.lookupTree(ofCommit: try id(b)), under: "workflows")
            #expect(fast == (try r.changes(from: try id(a), to: try id(b), under: "workflows")), "\(a) → \(b)")
        }
    }
}
