import Foundation

/// What `search_knowledge` searches: the step's knowledge folders by BM25 and, when the
/// provider has an `embedding_model`, by embeddings too, the two rankings fused (reciprocal
/// rank fusion, k = 60).
struct KnowledgeSearch: Sendable {
    struct Source: Sendable {
        var index: BM25Index
        /// One vector per chunk, when embeddings are used.
        var vectors: [[Double]]?
    }

    var sources: [Source]
    /// The embedding model and its name, when embeddings are used.
    var embedder: (model: any EmbeddingModel, name: String)?

    static let fusionK = 60.0

    /// The best `limit` chunks for `query`, best first.
    /// - Throws: ``ChatError`` when the query's embedding can't be made.
    func search(_ query: String, limit: Int) async throws(ChatError) -> [BM25Index.Hit] {
        var queryVector: [Double]?
        if let embedder, sources.contains(where: { $0.vectors != nil }) {
            queryVector = try await embedder.model.embed([query], model: embedder.name).first
        }
        var hits: [BM25Index.Hit] = []
        for source in sources {
            let lexical = source.index.search(query, limit: max(limit * 4, 20))
            guard let vectors = source.vectors, let queryVector else {
                hits += lexical
                continue
            }
            var fused: [Int: Double] = [:]
            var positions: [KnowledgeChunk: Int] = [:]
            for (index, chunk) in source.index.chunks.enumerated() { positions[chunk] = positions[chunk] ?? index }
            for (rank, hit) in lexical.enumerated() {
                if let index = positions[hit.chunk] { fused[index, default: 0] += 1 / (Self.fusionK + Double(rank + 1)) }
            }
            let semantic = vectors.enumerated().map { ($0.offset, Self.cosine($0.element, queryVector)) }
                .sorted { $0.1 > $1.1 }.prefix(max(limit * 4, 20))
            for (rank, (index, similarity)) in semantic.enumerated() where similarity > 0 {
                fused[index, default: 0] += 1 / (Self.fusionK + Double(rank + 1))
            }
            hits += fused.map { BM25Index.Hit(chunk: source.index.chunks[$0.key], score: $0.value) }
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : ($0.chunk.file, $0.chunk.heading) < ($1.chunk.file, $1.chunk.heading) }
        return Array(hits.prefix(limit))
    }

    static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in 0..<a.count {
            dot += a[i] * b[i]
            na += a[i] * a[i]
            nb += b[i] * b[i]
        }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }
}
