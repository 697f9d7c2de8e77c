import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Knowledge search with a provider's `embedding_model`: BM25 and embeddings fused.
@Suite struct KnowledgeEmbeddingTests {
    static let files = [
        "docs/support/billing.md": "# Billing\n\n## Refunds\n\nA refund is paid within 30 days of the return.\n\n## Invoices\n\nInvoices are sent by email.",
        "docs/support/shipping.md": "# Shipping\n\nParcels leave the warehouse within two days.",
    ]
    static let workflow = """
        name: Support
        steps:
          - {id: ask, type: agent_task, config: {goal: "Answer", knowledge: [docs/support]}}
        """

    @Test func embeddingsFindAChunkThatSharesNoWordWithTheQuery() async throws {
        // "reimbursement" is in no file: BM25 alone finds nothing, the embeddings find refunds.
        let call = FakeModelServer.Reply.tools([("k1", "search_knowledge", #"{"query": "reimbursement", "limit": 1}"#)])
        let server = try await FakeModelServer.start([call, .answer("30 days."), call, .answer("30 days again.")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.workflow], files: Self.files, baseURL: server.baseURL, embeddingModel: "fake-embed")
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let result = try JSONParser.parse(try #require(await server.requests.last?.toolMessages.first))
        #expect(result["results"]?.arrayValue?.map { $0["heading"] } == ["Billing > Refunds"])
        let inputs = await server.script.embeddingInputs
        #expect(inputs.count == 2)
        #expect(inputs.first?.count == 3)   // the three chunks, at the step's start
        #expect(inputs.last == ["reimbursement"])

        // The same folder content again: the chunks' vectors are not made twice.
        let again = try await harness.run()
        #expect(again.status == .completed)
        #expect(await server.script.embeddingInputs.count == 3)
        #expect(await server.script.embeddingInputs.last == ["reimbursement"])
    }

    @Test func embeddingsThatCannotBeMadeFailTheStepClearly() async throws {
        let server = try await FakeModelServer.start([.answer("never")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.workflow], files: Self.files, baseURL: server.baseURL, embeddingModel: "broken")
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        #expect(record.stepRun("ask")?.error == "the embeddings of knowledge folder 'docs/support' could not be made: provider 'default' (POST \(server.baseURL)/embeddings) answered 400: no such model")
        #expect(await server.requests.isEmpty)
    }

    @Test func withoutEmbeddingsTheSameQueryFindsNothing() async throws {
        let server = try await FakeModelServer.start([.tools([("k1", "search_knowledge", #"{"query": "reimbursement"}"#)]), .answer("?")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.workflow], files: Self.files, baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        #expect(await server.requests.last?.toolMessages == [#"{"results":[]}"#])
        #expect(await server.script.embeddingInputs.isEmpty)
    }
}
