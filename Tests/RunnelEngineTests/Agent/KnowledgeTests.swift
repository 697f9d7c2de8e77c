import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Chunking, BM25 ranking and the per-content cache of knowledge folders.
@Suite struct KnowledgeTests {
    @Test func chunksFollowHeadingsAndStayUnderTheMaximum() {
        let long = (1...300).map { "Sentence number \($0) about returns." }.joined(separator: " ")
        let text = "Intro line.\n\n# Guide\n\n## Returns\n\nFirst paragraph.\n\nSecond paragraph.\n\n```\n# not a heading\n```\n\n### Long\n\n\(long)\n"
        let chunks = KnowledgeChunker.chunks(of: text, file: "docs/guide.md")
        #expect(chunks.first == KnowledgeChunk(file: "docs/guide.md", heading: "", text: "Intro line."))
        #expect(chunks[1].heading == "Guide > Returns")
        #expect(chunks[1].text == "First paragraph.\n\nSecond paragraph.\n\n```\n# not a heading\n```")
        let longChunks = chunks.filter { $0.heading == "Guide > Returns > Long" }
        #expect(longChunks.count > 1)
        #expect(longChunks.allSatisfy { $0.text.count <= KnowledgeChunker.maximumSize })
        #expect(longChunks.map(\.text).joined(separator: " ") == long)
    }

    @Test func rankingPrefersRareMatchingTerms() {
        let index = BM25Index([
            KnowledgeChunk(file: "a.md", heading: "Shipping", text: "The parcel is shipped the same day."),
            KnowledgeChunk(file: "b.md", heading: "Refunds", text: "A refund is paid within 30 days."),
            KnowledgeChunk(file: "c.md", heading: "Other", text: "Nothing to see."),
        ])
        let hits = index.search("when is my refund paid", limit: 5)
        #expect(hits.map(\.chunk.file) == ["b.md", "a.md"])
        #expect(index.search("zebra", limit: 5).isEmpty)
        #expect(index.search("refund", limit: 0).isEmpty)
    }

    @Test func aFolderIsIndexedAgainOnlyWhenItsFilesChange() async throws {
        let cache = KnowledgeCache()
        let files = [RepositoryFile(path: "docs/a.md", bytes: Array("# A\n\nalpha".utf8)),
                     RepositoryFile(path: "docs/b.bin", bytes: [0, 1, 2])]
        let first = try await cache.index(folder: "docs", files: files)
        _ = try await cache.index(folder: "docs", files: files)
        #expect(await cache.builds == 1)
        #expect(first.index.chunks == [KnowledgeChunk(file: "docs/a.md", heading: "A", text: "alpha")])
        let changed = [RepositoryFile(path: "docs/a.md", bytes: Array("# A\n\nbeta".utf8))]
        let second = try await cache.index(folder: "docs", files: changed)
        #expect(await cache.builds == 2)
        #expect(second.index.chunks.first?.text == "beta")
    }

    @Test func foldersMustStayInsideTheRepository() {
        #expect(RepositoryFile.normalizedFolder("docs/support/") == "docs/support")
        #expect(RepositoryFile.normalizedFolder("./docs//x") == "docs/x")
        #expect(RepositoryFile.normalizedFolder("../etc") == nil)
        #expect(RepositoryFile.normalizedFolder("/etc") == nil)
        #expect(RepositoryFile.normalizedFolder("docs/../../x") == nil)
        #expect(RepositoryFile.normalizedFolder("") == nil)
    }

    @Test func aFolderSourceListsFilesWithoutLeavingTheFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try AgentHarness.write("one", to: folder.path + "/docs/a.md")
        try AgentHarness.write("two", to: folder.path + "/docs/sub/b.txt")
        try AgentHarness.write("hidden", to: folder.path + "/docs/.secret.md")
        try AgentHarness.write("outside", to: folder.path + "/outside.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/docs/link.md", withDestinationPath: folder.path + "/outside.md")
        let files = FolderWorkflowSource.files(under: "docs", root: folder.path)
        #expect(files == [RepositoryFile(path: "docs/a.md", bytes: Array("one".utf8)), RepositoryFile(path: "docs/sub/b.txt", bytes: Array("two".utf8))])
    }
}
