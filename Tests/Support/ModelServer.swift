import Foundation
import Hummingbird
import NIOCore
import RunnelCore

/// Shared by the API and CLI tests. A local OpenAI-compatible server on 127.0.0.1: answers `POST /v1/chat/completions` with
/// scripted assistant texts, in order (the last one repeats), and records each request body.
public final class ModelServer: Sendable {
    public actor Script {
        private var answers: [String]
        public private(set) var requests: [JSONValue] = []

        init(_ answers: [String]) { self.answers = answers }

        func next(_ body: JSONValue) -> String {
            requests.append(body)
            let answer = answers.first ?? ""
            if answers.count > 1 { answers.removeFirst() }
            return answer
        }
    }

    public let port: Int
    public let script: Script
    private let task: Task<Void, any Error>

    /// The provider base URL.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// The request bodies received so far.
    public var requests: [JSONValue] { get async { await script.requests } }

    /// The user and assistant messages' texts of request `index`.
    public func messages(of index: Int) async -> [String] {
        let requests = await script.requests
        guard requests.indices.contains(index) else { return [] }
        return requests[index]["messages"]?.arrayValue?.compactMap { $0["content"]?.stringValue } ?? []
    }

    public static func start(_ answers: [String]) async throws -> ModelServer {
        let script = Script(answers)
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 22)
            let body = (try? JSONParser.parse(String(buffer: bytes))) ?? .null
            let text = await script.next(body)
            let answer: JSONValue = [
                "id": "chatcmpl-test", "object": "chat.completion", "model": body["model"] ?? "test",
                "choices": [["index": 0, "message": ["role": "assistant", "content": .string(text)], "finish_reason": "stop"]],
                "usage": ["prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150],
            ]
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer.serialized())))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  portContinuation.yield(channel.localAddress?.port ?? 0)
                                  portContinuation.finish()
                              })
        let task = Task { try await app.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw ModelServerFailure()
        }
        return ModelServer(port: port, script: script, task: task)
    }

    private init(port: Int, script: Script, task: Task<Void, any Error>) {
        self.port = port
        self.script = script
        self.task = task
    }

    public func stop() { task.cancel() }
}

public struct ModelServerFailure: Error, CustomStringConvertible {
    public var description: String { "the model server did not start" }
}
