import RunnelCore

extension OpenAIChatClient: EmbeddingModel {
    /// Texts sent in one request.
    static let embeddingBatch = 64

    /// `POST {base_url}/embeddings` with `{model, input: [texts]}`, in batches of 64.
    public func embed(_ texts: [String], model: String) async throws(ChatError) -> [[Double]] {
        let url = provider.endpoint("embeddings")
        var vectors: [[Double]] = []
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(texts.count, start + Self.embeddingBatch)])
            let body: JSONValue = ["model": .string(model), "input": .array(batch.map(JSONValue.string))]
            vectors += try await retrying { () async throws(Failure) -> [[Double]] in
                let text = try await post(body, to: url)
                guard let vectors = Self.vectors(text, count: batch.count) else {
                    throw Failure(error: ChatError(.invalidResponse, "\(describe(url)) answered something that is not \(batch.count) embeddings: \(ChatWire.snippet(text))"))
                }
                return vectors
            }
            start += batch.count
        }
        return vectors
    }

    /// `data[].embedding` ordered by `index`, when there are `count` of them of one length.
    static func vectors(_ text: String, count: Int) -> [[Double]]? {
        guard let items = (try? JSONParser.parse(text))?["data"]?.arrayValue, items.count == count else { return nil }
        var vectors = [[Double]?](repeating: nil, count: count)
        for (position, item) in items.enumerated() {
            let index = item["index"]?.numberValue.map(Int.init) ?? position
            guard (0..<count).contains(index), let values = item["embedding"]?.arrayValue else { return nil }
            let numbers = values.compactMap(\.numberValue)
            guard numbers.count == values.count, !numbers.isEmpty else { return nil }
            vectors[index] = numbers
        }
        let result = vectors.compactMap { $0 }
        guard result.count == count, Set(result.map(\.count)).count == 1 else { return nil }
        return result
    }
}
