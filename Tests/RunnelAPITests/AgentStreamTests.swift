import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
import Testing

/// An agent step's turns and tool calls reach the SSE stream of its run, with the daemon's
/// providers from `runnel.yaml` and its knowledge read from git.
@Suite struct AgentStreamTests {
    /// A local OpenAI-compatible server: the first request gets a `search_knowledge` call, the others an answer.
    actor Counter {
        var requests = 0
        func next() -> Int {
            requests += 1
            return requests
        }
    }

    static func startModel() async throws -> (port: Int, task: Task<Void, any Error>) {
        let counter = Counter()
        let router = Router()
        router.post("/v1/chat/completions") { _, _ in
            let message: JSONValue = await counter.next() == 1
                ? ["role": "assistant", "content": .null, "tool_calls": [["id": "c1", "type": "function",
                    "function": ["name": "search_knowledge", "arguments": #"{"query": "refund"}"#]]]]
                : ["role": "assistant", "content": "Refunds take 30 days."]
            let body: JSONValue = ["choices": [["index": 0, "message": message, "finish_reason": "stop"]],
                                   "usage": ["prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5]]
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body.serialized())))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port ?? 0)
                                  continuation.finish()
                              })
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        return (await iterator.next() ?? 0, task)
    }

    @Test func theStreamCarriesTurnsAndToolCalls() async throws {
        let model = try await Self.startModel()
        defer { model.task.cancel() }
        let fixture = try await APITests.Fixture([
            "workflows/ask.yaml": """
                name: Ask
                steps:
                  - {id: ask, type: agent_task, config: {goal: "How long do refunds take?", knowledge: [docs]}}
                outputs:
                  answer: ${{ steps.ask.output.answer }}
                """,
            "docs/refunds.md": "# Refunds\n\nA refund takes 30 days.",
            "runnel.yaml": "providers:\n  default: {base_url: \"http://127.0.0.1:\(model.port)/v1\", model: tiny}\n",
        ])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let runID = try await client.execute(uri: "/api/workflows/ask/run", method: .post, body: ByteBuffer(string: "{}")) { response in
                try JSONParser.parse(String(buffer: response.body))["run_id"]?.stringValue ?? ""
            }
            let stream = try await client.execute(uri: "/api/runs/\(runID)/stream", method: .get) { String(buffer: $0.body) }
            // The turns' log lines (`step_log`) come live as well, wherever the stream caught up.
            let kinds = stream.split(separator: "\n").filter { $0.hasPrefix("event: ") && $0 != "event: step_log" }.map { String($0.dropFirst(7)) }
            #expect(kinds == ["run_created", "run_started", "step_started", "agent_turn", "tool_call", "tool_result", "agent_turn",
                              "step_completed", "run_completed"], "\(stream)")
            #expect(stream.contains(#""heading":"Refunds""#))
            try await client.execute(uri: "/api/runs/\(runID)", method: .get) { response in
                let record = try JSONParser.parse(String(buffer: response.body))
                #expect(record["outputs"]?["answer"] == "Refunds take 30 days.")
                let step = record["step_runs"]?.arrayValue?.first
                #expect(step?["output"]?["usage"]?["total_tokens"] == 10)
            }
        }
    }
}
