import Crypto
import Foundation

/// Knowledge indexes kept in memory per (folder, content hash): a folder is chunked and
/// indexed again only when its files change.
actor KnowledgeCache {
    /// Files with these extensions are read as knowledge; others are skipped.
    static let extensions: Set<String> = ["md", "markdown", "mdx", "txt", "text", "rst", "adoc"]
    /// The most bytes read from one folder.
    static let maxBytes = 20 * 1024 * 1024
    /// The most indexes kept.
    static let capacity = 32

    struct Key: Hashable {
        var folder: String
        var hash: String
    }

    private var indexes: [Key: BM25Index] = [:]
    private var order: [Key] = []
    private var vectors: [Key: [[Double]]] = [:]
    /// How many times a folder was indexed (tests check the cache with it).
    private(set) var builds = 0

    /// The index of `files` (the content of `folder`), built unless the same content was indexed before.
    /// - Throws: when the folder holds more than ``maxBytes`` of knowledge files.
    func index(folder: String, files: [RepositoryFile]) throws(StepFailure) -> KnowledgeFolder {
        let readable = files.filter { Self.extensions.contains(($0.path as NSString).pathExtension.lowercased()) }
        let size = readable.reduce(0) { $0 + $1.bytes.count }
        guard size <= Self.maxBytes else {
            throw StepFailure("knowledge folder '\(folder)' holds \(size) bytes of text, more than the \(Self.maxBytes) allowed")
        }
        let key = Key(folder: folder, hash: Self.hash(readable))
        if let index = indexes[key] { return KnowledgeFolder(folder: folder, hash: key.hash, index: index) }
        var chunks: [KnowledgeChunk] = []
        for file in readable { chunks += KnowledgeChunker.chunks(of: String(decoding: file.bytes, as: UTF8.self), file: file.path) }
        let index = BM25Index(chunks)
        builds += 1
        indexes[key] = index
        order.append(key)
        if order.count > Self.capacity {
            let oldest = order.removeFirst()
            indexes[oldest] = nil
            vectors = vectors.filter { $0.key.folder != oldest.folder || !$0.key.hash.hasPrefix(oldest.hash) }
        }
        return KnowledgeFolder(folder: folder, hash: key.hash, index: index)
    }

    /// The embeddings of a folder's chunks made with `model` (`provider|model`), when they were made before.
    func vectors(of folder: KnowledgeFolder, model: String) -> [[Double]]? {
        vectors[Key(folder: folder.folder, hash: folder.hash + "|" + model)]
    }

    /// Keeps the embeddings of a folder's chunks made with `model`.
    func keep(_ values: [[Double]], of folder: KnowledgeFolder, model: String) {
        vectors[Key(folder: folder.folder, hash: folder.hash + "|" + model)] = values
    }

    /// SHA-256 over each file's path and content.
    static func hash(_ files: [RepositoryFile]) -> String {
        var hasher = SHA256()
        for file in files {
            hasher.update(data: Array(file.path.utf8) + [0])
            hasher.update(data: Array(String(file.bytes.count).utf8) + [0])
            hasher.update(data: file.bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
