import Foundation
import Hummingbird
import NIOCore
import RunnelCore

/// A local OpenAI-compatible server on 127.0.0.1 for the agent tests: answers
/// `POST /v1/chat/completions` with scripted replies, in order (the last one repeats), and
/// records every request body.
final class FakeModelServer: Sendable {
    /// One scripted reply.
    enum Reply: Sendable {
        /// A final text answer.
        case answer(String, usage: (Int, Int) = (10, 5))
        /// Tool calls: (id, name, arguments text).
        case tools([(String, String, String)], usage: (Int, Int) = (10, 5))
        /// An error status with a JSON error body and an optional Retry-After.
        case status(Int, retryAfter: String? = nil)
        /// A 200 whose body is not JSON.
        case garbage
        /// Sleeps that long before answering.
        case slow(Duration)
    }

    actor Script {
        private var replies: [Reply]
        private(set) var requests: [JSONValue] = []
        private(set) var headers: [[String: String]] = []

        init(_ replies: [Reply]) { self.replies = replies }

        private var arrivals: [String: Int] = [:]
        private(set) var toolRequests: [String] = []

        /// Counts a tool request at `key`; returns how many arrived so far.
        func arrive(_ key: String) -> Int {
            toolRequests.append(key)
            arrivals[key, default: 0] += 1
            return arrivals[key] ?? 0
        }

        func arrived(_ key: String) -> Int { arrivals[key] ?? 0 }

        private(set) var embeddingInputs: [[String]] = []

        func embedding(_ inputs: [String]) { embeddingInputs.append(inputs) }

        func next(_ body: JSONValue, headers: [String: String]) -> Reply {
            requests.append(body)
            self.headers.append(headers)
            let reply = replies.first ?? .answer("no more replies")
            if replies.count > 1 { replies.removeFirst() }
            return reply
        }
    }

    let port: Int
    let script: Script
    private let task: Task<Void, any Error>

    /// The provider base URL (`http://127.0.0.1:PORT/v1`).
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// The request bodies received so far.
    var requests: [JSONValue] { get async { await script.requests } }

    static func start(_ replies: [Reply]) async throws -> FakeModelServer {
        let script = Script(replies)
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 22)
            let body = (try? JSONParser.parse(String(buffer: bytes))) ?? .null
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            return try await respond(await script.next(body, headers: headers))
        }
        // A tool endpoint that answers only once `n` requests are there (or after 5 s): two
        // calls that run concurrently both see `together: true`.
        router.get("/tools/barrier/{key}/{n}") { _, context in
            let key = context.parameters.get("key") ?? ""
            let n = context.parameters.get("n", as: Int.self) ?? 1
            _ = await script.arrive(key)
            let deadline = ContinuousClock.now + .seconds(5)
            while await script.arrived(key) < n, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            let together = await script.arrived(key) >= n
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"key":"\#(key)","together":\#(together)}"#)))
        }
        // Embeddings from a tiny fixed vocabulary of "meanings": words of one group point the same way.
        router.post("/v1/embeddings") { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 22)
            let body = (try? JSONParser.parse(String(buffer: bytes))) ?? .null
            let inputs = body["input"]?.arrayValue?.compactMap(\.stringValue) ?? []
            await script.embedding(inputs)
            if body["model"] == "broken" {
                return Response(status: .badRequest, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"no such model"}}"#)))
            }
            let data: [JSONValue] = inputs.enumerated().map { index, text in
                ["object": "embedding", "index": .number(Double(index)), "embedding": .array(meaning(text).map(JSONValue.number))]
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(["object": "list", "data": .array(data)]).serialized())))
        }
        router.get("/tools/weather/{city}") { _, context in
            let city = context.parameters.get("city") ?? ""
            _ = await script.arrive("weather")
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"city":"\#(city)","sky":"clear"}"#)))
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
            throw TestFailure(description: "the fake model server did not start")
        }
        return FakeModelServer(port: port, script: script, task: task)
    }

    private init(port: Int, script: Script, task: Task<Void, any Error>) {
        self.port = port
        self.script = script
        self.task = task
    }

    func stop() { task.cancel() }

    private static func respond(_ reply: Reply) async throws -> Response {
        switch reply {
        case .answer(let text, let usage):
            return completion(["role": "assistant", "content": .string(text)], finish: "stop", usage: usage)
        case .tools(let calls, let usage):
            let items: [JSONValue] = calls.map { id, name, arguments in
                ["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]
            }
            return completion(["role": "assistant", "content": .null, "tool_calls": .array(items)], finish: "tool_calls", usage: usage)
        case .status(let code, let retryAfter):
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter { headers[.retryAfter] = retryAfter }
            let body: JSONValue = ["error": ["message": .string("scripted status \(code)"), "type": "test"]]
            return Response(status: HTTPResponse.Status(code: code), headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: body.serialized())))
        case .garbage:
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "<html>gateway says hi</html>")))
        case .slow(let duration):
            try await Task.sleep(for: duration)
            return completion(["role": "assistant", "content": "too late"], finish: "stop", usage: (1, 1))
        }
    }

    private static func completion(_ message: JSONValue, finish: String, usage: (Int, Int)) -> Response {
        let body: JSONValue = [
            "id": "chatcmpl-test", "object": "chat.completion", "model": "fake-model",
            "choices": [["index": 0, "message": message, "finish_reason": .string(finish)]],
            "usage": ["prompt_tokens": .number(Double(usage.0)), "completion_tokens": .number(Double(usage.1)),
                      "total_tokens": .number(Double(usage.0 + usage.1))],
        ]
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: body.serialized())))
    }
}

/// The fake embedding of a text: how many of its words fall in each group of words that mean
/// the same thing, plus a small constant so that no vector is zero.
func meaning(_ text: String) -> [Double] {
    let groups: [Set<String>] = [
        ["refund", "refunds", "reimbursement", "reimbursed", "money", "back"],
        ["parcel", "parcels", "shipping", "delivery", "shipped", "abroad"],
        ["invoice", "invoices", "billing", "email"],
    ]
    var vector = [Double](repeating: 0, count: groups.count + 1)
    vector[groups.count] = 0.1
    for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
        for (index, group) in groups.enumerated() where group.contains(String(word)) { vector[index] += 1 }
    }
    return vector
}
