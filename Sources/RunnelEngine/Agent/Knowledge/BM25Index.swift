import Foundation

/// A BM25 (Okapi, k1 = 1.2, b = 0.75) index over knowledge chunks, built in memory.
public struct BM25Index: Sendable {
    /// One search result.
    public struct Hit: Sendable, Hashable {
        /// The chunk found.
        public var chunk: KnowledgeChunk
        /// Its BM25 score (higher is better).
        public var score: Double
    }

    static let k1 = 1.2
    static let b = 0.75

    /// The chunks indexed.
    public let chunks: [KnowledgeChunk]
    private let termCounts: [[String: Int]]
    private let lengths: [Int]
    private let documentFrequency: [String: Int]
    private let averageLength: Double

    /// Indexes `chunks` (the heading counts as part of a chunk's text).
    public init(_ chunks: [KnowledgeChunk]) {
        self.chunks = chunks
        var counts: [[String: Int]] = []
        var frequency: [String: Int] = [:]
        for chunk in chunks {
            var terms: [String: Int] = [:]
            for term in Self.terms(chunk.heading + " " + chunk.text) { terms[term, default: 0] += 1 }
            for term in terms.keys { frequency[term, default: 0] += 1 }
            counts.append(terms)
        }
        termCounts = counts
        lengths = counts.map { $0.values.reduce(0, +) }
        documentFrequency = frequency
        averageLength = chunks.isEmpty ? 0 : Double(lengths.reduce(0, +)) / Double(chunks.count)
    }

    /// The best `limit` chunks for `query`, best first (chunks sharing no term are left out).
    public func search(_ query: String, limit: Int) -> [Hit] {
        let queryTerms = Set(Self.terms(query))
        guard !queryTerms.isEmpty, !chunks.isEmpty, limit > 0 else { return [] }
        let total = Double(chunks.count)
        var hits: [Hit] = []
        for (index, counts) in termCounts.enumerated() {
            var score = 0.0
            for term in queryTerms {
                guard let count = counts[term], let df = documentFrequency[term] else { continue }
                let idf = log(1 + (total - Double(df) + 0.5) / (Double(df) + 0.5))
                let tf = Double(count)
                let norm = tf + Self.k1 * (1 - Self.b + Self.b * Double(lengths[index]) / max(averageLength, 1))
                score += idf * tf * (Self.k1 + 1) / norm
            }
            if score > 0 { hits.append(Hit(chunk: chunks[index], score: score)) }
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : ($0.chunk.file, $0.chunk.heading) < ($1.chunk.file, $1.chunk.heading) }
        return Array(hits.prefix(limit))
    }

    /// Lower-cased runs of letters and digits.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                terms.append(current)
                current = ""
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }
}
