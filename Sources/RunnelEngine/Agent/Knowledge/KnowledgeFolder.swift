/// One knowledge folder as indexed: its path, the hash of its content and its BM25 index.
struct KnowledgeFolder: Sendable {
    var folder: String
    var hash: String
    var index: BM25Index
}
