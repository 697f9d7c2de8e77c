import Foundation
import Testing

@testable import RunnelGit

@Suite struct RepositoryTests {
    @Test func opensAWorkTreeAndDiscoversFromASubfolder() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("first", ["workflows/a.yaml": workflowText("A"), "docs/readme.md": "hi\n"])
        let opened = try repo.open()
        #expect(!opened.isBare)
        #expect(opened.headBranch == "main")
        #expect(opened.workTree.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
                == repo.url.standardizedFileURL.resolvingSymlinksInPath().path)
        let found = try GitRepository.discover(from: repo.url.appendingPathComponent("docs").path)
        #expect(try found.headCommit()?.hex == repo.head())
        // Opening a subfolder exactly is not opening a repository.
        #expect(throws: GitError.self) { try GitRepository(path: repo.url.appendingPathComponent("docs").path) }
    }

    @Test func aLinkInATreeIsNeverReadAsAFile() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.commit("first", ["workflows/a.yaml": workflowText("A")])
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("workflows/env.yaml").path,
                                                   withDestinationPath: "/proc/self/environ")
        try repo.commit("a link")
        let opened = try repo.open()
        let head = try id(repo.head())
        #expect(try opened.file(at: "workflows/a.yaml", in: head) != nil)
        #expect(try opened.file(at: "workflows/env.yaml", in: head) == nil)
    }

    @Test func opensABareRepository() throws {
        let source = try Scratch.repository()
        defer { source.remove() }
        try source.commit("first", ["workflows/a.yaml": workflowText("A")])
        let bare = try Scratch.folder()
        defer { bare.remove() }
        try bare.git(["clone", "-q", "--bare", source.path, "repo.git"])
        let repository = try GitRepository(path: bare.url.appendingPathComponent("repo.git").path)
        #expect(repository.isBare)
        #expect(repository.workTree == nil)
        let tip = try repository.resolve("main")
        #expect(try repository.file(at: "workflows/a.yaml", in: tip).map { String(decoding: $0, as: UTF8.self) } == workflowText("A"))
    }

    @Test func aPathThatIsNotARepositoryIsOneClearError() throws {
        let folder = try Scratch.folder()
        defer { folder.remove() }
        let error = try #require(throws: GitError.self) { try GitRepository.discover(from: folder.path) }
        #expect(error.kind == .notARepository)
        #expect(error.message.contains(folder.path))
        let missing = try #require(throws: GitError.self) { try GitRepository(path: folder.path + "/nope") }
        #expect(missing.kind == .notARepository)
    }

    @Test func resolvesBranchesRelativeRevisionsAndShortIDs() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("one", ["workflows/a.yaml": workflowText("A", note: 1)])
        let c2 = try repo.commit("two", ["workflows/a.yaml": workflowText("A", note: 2)])
        let c3 = try repo.commit("three", ["workflows/a.yaml": workflowText("A", note: 3)])
        try repo.git(["tag", "v1", c1])
        let r = try repo.open()
        #expect(try r.resolve("main").hex == c3)
        #expect(try r.resolve("HEAD~2").hex == c1)
        #expect(try r.resolve("HEAD^").hex == c2)
        #expect(try r.resolve(String(c2.prefix(8))).hex == c2)
        #expect(try r.resolve("v1").hex == c1)
        for bad in ["nope", "HEAD~10", "0000000", "--all", ""] {
            let error = try #require(throws: GitError.self) { try r.resolve(bad) }
            #expect(error.kind == .revisionNotFound, "\(bad): \(error)")
        }
        let commit = try r.commit(try id(c2))
        #expect(commit.subject == "two")
        #expect(commit.parents.map(\.hex) == [c1])
        #expect(commit.author.name == "Ada Tester")
    }

    @Test func anEmptyRepositoryHasNoHistory() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let r = try repo.open()
        #expect(r.isEmpty)
        #expect(r.headBranch == "main")
        #expect(try r.headCommit() == nil)
        #expect(try r.branchTip("main") == nil)
        let index = try HistoryIndexer(repository: r).index(branch: "main")
        #expect(index.commitCount == 0)
        #expect(index.versions(ofPath: "workflows/a.yaml").isEmpty)
    }

    @Test func detachedHeadIsReadLikeABranch() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c1 = try repo.commit("one", ["workflows/a.yaml": workflowText("A", note: 1)])
        try repo.commit("two", ["workflows/a.yaml": workflowText("A", note: 2)])
        try repo.git(["checkout", "-q", "--detach", c1])
        let r = try repo.open()
        #expect(r.isHeadDetached)
        #expect(r.headBranch == nil)
        #expect(try r.headCommit()?.hex == c1)
        let index = try HistoryIndexer(repository: r).index(line: "HEAD", tip: r.headCommit())
        #expect(index.versions(ofPath: "workflows/a.yaml").map(\.commit.hex) == [c1])
    }

    @Test func readsTreesBlobsAndBinaryFiles() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        try repo.write("workflows/a.yaml", workflowText("A"))
        let binary: [UInt8] = [0, 1, 2, 255, 254, 0, 10, 13, 0]
        try Data(binary).write(to: repo.url.appendingPathComponent("workflows/logo.bin"))
        let c = try repo.commit("files", ["workflows/sub/b.yml": workflowText("B")])
        let r = try repo.open()
        let files = try r.files(in: try id(c), under: "workflows")
        #expect(files.map(\.path) == ["workflows/a.yaml", "workflows/logo.bin", "workflows/sub/b.yml"])
        #expect(try r.file(at: "workflows/logo.bin", in: try id(c)) == binary)
        #expect(try r.file(at: "workflows/missing.yaml", in: try id(c)) == nil)
        #expect(try r.file(at: "workflows", in: try id(c)) == nil, "a folder is not a file")
        #expect(try r.files(in: try id(c), under: "nothing-here").isEmpty)
    }

    @Test func aCorruptObjectIsReportedNotCrashed() throws {
        let repo = try Scratch.repository()
        defer { repo.remove() }
        let c = try repo.commit("one", ["workflows/a.yaml": workflowText("A")])
        let blob = try repo.git(["rev-parse", "HEAD:workflows/a.yaml"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.url.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
        try Data([0x78, 0x01, 0xde, 0xad, 0xbe, 0xef]).write(to: object)
        let r = try repo.open()
        let error = try #require(throws: GitError.self) { try r.file(at: "workflows/a.yaml", in: try id(c)) }
        #expect(error.kind == .corruptObject, "\(error)")
        #expect(!error.message.contains("\n"))
    }
}
