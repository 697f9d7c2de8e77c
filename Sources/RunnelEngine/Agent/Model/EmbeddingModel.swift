/// A model that turns texts into vectors (the OpenAI `/embeddings` protocol); knowledge search
/// uses it beside BM25 when a provider sets `embedding_model`.
public protocol EmbeddingModel: Sendable {
    /// One vector per text, in order.
    /// - Throws: ``ChatError`` once the client's retries are spent.
    func embed(_ texts: [String], model: String) async throws(ChatError) -> [[Double]]
}
