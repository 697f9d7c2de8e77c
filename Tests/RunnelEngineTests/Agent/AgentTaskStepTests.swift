import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// `agent_task` steps end to end: the engine, the real runners and a local fake model server.
@Suite struct AgentTaskStepTests {
    @Test func aPlainAnswerCompletesTheStep() async throws {
        let server = try await FakeModelServer.start([.answer("Three orders shipped.", usage: (40, 6))])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Summary
            inputs:
              topic: {type: string, required: true}
            agent:
              system: You are terse.
            steps:
              - id: think
                type: agent_task
                config:
                  goal: "Summarise ${{ inputs.topic }}"
                  temperature: 0.3
            outputs:
              summary: ${{ steps.think.output.answer }}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run(["topic": "orders"])
        #expect(record.status == .completed)
        let output = try record.output("think")
        #expect(output["answer"] == "Three orders shipped.")
        #expect(output["output"] == "Three orders shipped.")
        #expect(output["turns"] == 1)
        #expect(output["usage"] == ["prompt_tokens": 40, "completion_tokens": 6, "total_tokens": 46])
        #expect(output["model"] == "fake-model")
        #expect(record.outputs?["summary"] == "Three orders shipped.")
        let sent = try #require(await server.requests.first)
        #expect(sent["messages"] == [["role": "system", "content": "You are terse."], ["role": "user", "content": "Summarise orders"]])
        #expect(sent["temperature"] == 0.3)
        #expect(sent["tools"] == nil)
        #expect(try await harness.kinds(record.id) == ["run_created", "run_started", "step_started", "agent_turn", "step_completed", "run_completed"])
        let turn = try #require(try await harness.events(record.id, .agentTurn).first)
        #expect(turn.stepID == "think")
        #expect(turn.data?["content"] == "Three orders shipped.")
        #expect(turn.data?["usage"]?["total_tokens"] == 46)
    }

    @Test func aToolCallRunsTheToolAndFeedsItsResultBack() async throws {
        let server = try await FakeModelServer.start([
            .tools([("call_1", "weather", #"{"city": "Oslo"}"#)], usage: (20, 4)),
            .answer("Clear in Oslo.", usage: (30, 5)),
        ])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Weather
            tools:
              - name: weather
                description: The weather in a city
                type: http
                parameters:
                  type: object
                  properties: {city: {type: string}}
                  required: [city]
                config: {url: "http://127.0.0.1:\(server.port)/tools/weather/${{ args.city }}"}
            steps:
              - {id: ask, type: agent_task, config: {goal: "Weather in Oslo?", tools: [weather]}}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let output = try record.output("ask")
        #expect(output["answer"] == "Clear in Oslo.")
        #expect(output["turns"] == 2)
        #expect(output["usage"] == ["prompt_tokens": 50, "completion_tokens": 9, "total_tokens": 59])
        #expect(output["tool_calls"] == [["turn": 1, "call_id": "call_1", "tool": "weather", "arguments": ["city": "Oslo"], "status": "ok"]])
        let requests = await server.requests
        #expect(requests.count == 2)
        let offered = try #require(requests.first?["tools"]?.arrayValue?.first)
        #expect(offered == ["type": "function", "function": ["name": "weather", "description": "The weather in a city",
                                                             "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]]])
        let toolMessage = try #require(requests.last?.toolMessages.first)
        let result = try JSONParser.parse(toolMessage)
        #expect(result["status_code"] == 200)
        #expect(result["body"] == ["city": "Oslo", "sky": "clear"])
        // The assistant message with its call is sent back before the result.
        let assistant = try #require(requests.last?["messages"]?.arrayValue?.first { $0["role"] == "assistant" })
        #expect(assistant["tool_calls"]?.arrayValue?.first?["id"] == "call_1")
        #expect(try await harness.kinds(record.id) == ["run_created", "run_started", "step_started", "agent_turn", "tool_call", "tool_result",
                                                       "agent_turn", "step_completed", "run_completed"])
        let call = try #require(try await harness.events(record.id, .toolCall).first)
        #expect(call.data?["arguments"] == ["city": "Oslo"])
        let done = try #require(try await harness.events(record.id, .toolResult).first)
        #expect(done.data?["ok"] == true)
        #expect(done.data?["result"]?["body"]?["sky"] == "clear")
    }

    @Test func twoCallsInOneTurnRunConcurrently() async throws {
        let server = try await FakeModelServer.start([
            .tools([("a", "meet", #"{"who": "one"}"#), ("b", "meet", #"{"who": "two"}"#)]),
            .answer("Both met."),
        ])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Parallel
            tools:
              - name: meet
                description: Waits until the other call arrives
                type: http
                parameters: {type: object, properties: {who: {type: string}}}
                config: {url: "http://127.0.0.1:\(server.port)/tools/barrier/meet/2"}
            steps:
              - {id: ask, type: agent_task, config: {goal: "Meet", tools: [meet]}}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let messages = try #require(await server.requests.last?.toolMessages)
        #expect(messages.count == 2)
        for message in messages {
            // Each call waited for the other: they were in flight at the same time.
            #expect(try JSONParser.parse(message)["body"]?["together"] == true)
        }
        let answered = try #require(await server.requests.last?["messages"]?.arrayValue?.filter { $0["role"] == "tool" })
        #expect(answered.map { $0["tool_call_id"] } == ["a", "b"])
    }

    @Test func malformedArgumentsGoBackToTheModelAndNeverReachTheTool() async throws {
        let server = try await FakeModelServer.start([
            .tools([("c1", "weather", #"{"city": "Oslo""#), ("c2", "weather", #"{"city": 5}"#), ("c3", "nope", "{}")]),
            .answer("Sorry."),
        ])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Weather
            tools:
              - name: weather
                description: The weather in a city
                type: http
                parameters: {type: object, properties: {city: {type: string}}, required: [city]}
                config: {url: "http://127.0.0.1:\(server.port)/tools/weather/${{ args.city }}"}
            steps:
              - {id: ask, type: agent_task, config: {goal: "Weather?", tools: [weather]}}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        #expect(await server.script.arrived("weather") == 0)
        let messages = try #require(await server.requests.last?.toolMessages)
        #expect(messages.count == 3)
        #expect(messages[0].hasPrefix("error: the arguments are not valid JSON"))
        #expect(messages[1] == "error: the arguments do not match the parameters of 'weather': $.city: expected string, got integer")
        #expect(messages[2] == "error: there is no tool 'nope'; the tools are: weather")
        let statuses = try record.output("ask")["tool_calls"]?.arrayValue?.map { $0["status"] }
        #expect(statuses == ["error", "error", "error"])
    }

    @Test func anAnswerThatBreaksTheSchemaGetsOneRepairTurn() async throws {
        let server = try await FakeModelServer.start([.answer("It is positive."), .answer("```json\n{\"sentiment\": \"positive\", \"score\": 0.9}\n```")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.schemaWorkflow], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        let output = try record.output("judge")
        #expect(output["output"] == ["sentiment": "positive", "score": 0.9])
        #expect(output["sentiment"] == "positive")
        #expect(output["score"] == 0.9)
        #expect(record.outputs?["verdict"] == "positive")
        #expect(output["turns"] == 2)
        let requests = await server.requests
        #expect(requests.first?.lastContent?.contains(#""required":["sentiment"]"#) == true)
        let repair = try #require(requests.last?.lastContent)
        #expect(repair.hasPrefix("Your answer does not match the required JSON Schema:\n- the answer is not valid JSON"))
    }

    @Test func anAnswerThatStillBreaksTheSchemaAfterTheRepairFails() async throws {
        let server = try await FakeModelServer.start([.answer(#"{"sentiment": "meh"}"#), .answer(#"{"sentiment": "great", "extra": 1}"#)])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.schemaWorkflow], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("judge")?.error)
        #expect(error == #"the final answer does not match output_schema after a repair turn: $: unexpected property 'extra'; $.sentiment: must be one of "positive", "negative""#)
        #expect(await server.requests.count == 2)
        #expect(await server.requests.last?.lastContent?.contains(#"$.sentiment: must be one of "positive", "negative""#) == true)
        #expect(try record.output("judge")["turns"] == 2)
    }

    static let schemaWorkflow = """
        name: Judge
        steps:
          - id: judge
            type: agent_task
            config:
              goal: Judge the review
              output_schema:
                type: object
                properties:
                  sentiment: {type: string, enum: [positive, negative]}
                  score: {type: number, minimum: 0, maximum: 1}
                required: [sentiment]
                additionalProperties: false
        outputs:
          verdict: ${{ steps.judge.output.sentiment }}
        """

    @Test func theModelMayComeFromAnInput() async throws {
        let server = try await FakeModelServer.start([.answer("ok")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Pick
            inputs:
              model: {type: string, default: gpt-mini}
            steps:
              - {id: ask, type: agent_task, config: {goal: "Say ok", model: "${{ inputs.model }}", max_tokens: 20}}
            """], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        #expect(try record.output("ask")["model"] == "gpt-mini")
        #expect(await server.requests.first?["model"] == "gpt-mini")
        #expect(await server.requests.first?["max_tokens"] == 20)
    }

    @Test func a429IsRetriedWithinTheStep() async throws {
        let server = try await FakeModelServer.start([.status(429, retryAfter: "0"), .answer("ok")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.plain], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        #expect(try record.output("ask")["answer"] == "ok")
        #expect(await server.requests.count == 2)
    }

    static let plain = """
        name: Plain
        steps:
          - {id: ask, type: agent_task, config: {goal: "Say ok"}}
        """

    @Test func aModelThatNeverStopsCallingToolsFailsAtMaxTurns() async throws {
        let server = try await FakeModelServer.start([.tools([("again", "search_knowledge", #"{"query": "refund"}"#)])])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Loop
            steps:
              - {id: ask, type: agent_task, config: {goal: "Find it", knowledge: [docs], max_turns: 3}}
            """], files: ["docs/a.md": "# Refunds\nWithin 30 days."], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        #expect(record.stepRun("ask")?.error == "no final answer after 3 turns (max_turns): the model kept calling tools")
        #expect(await server.requests.count == 3)
        let output = try record.output("ask")
        #expect(output["turns"] == 3)
        #expect(output["tool_calls"]?.arrayValue?.count == 3)
        #expect(output["usage"]?["total_tokens"] == 45)
    }

    @Test func aProviderThatIsDownFailsTheStepClearly() async throws {
        let server = try await FakeModelServer.start([])
        let port = server.port
        server.stop()
        try await Task.sleep(for: .milliseconds(100))
        let harness = try AgentHarness(["w": Self.plain], baseURL: "http://127.0.0.1:\(port)/v1")
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("ask")?.error)
        #expect(error.hasPrefix("the model failed on turn 1: provider 'default' (POST http://127.0.0.1:\(port)/v1/chat/completions) could not be reached"))
        #expect(error.hasSuffix("(after 2 attempts)"))
    }

    @Test func aSlowProviderTimesOut() async throws {
        let server = try await FakeModelServer.start([.slow(.seconds(30))])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.plain], baseURL: server.baseURL, timeout: .milliseconds(300))
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        #expect(record.stepRun("ask")?.error?.contains("did not answer within 300ms (after 2 attempts)") == true)
        #expect(await server.requests.count == 2)
    }

    @Test func aGarbageAnswerFailsTheStepClearly() async throws {
        let server = try await FakeModelServer.start([.garbage])
        defer { server.stop() }
        let harness = try AgentHarness(["w": Self.plain], baseURL: server.baseURL)
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("ask")?.error)
        #expect(error.contains("answered something that is not a chat completion: not JSON"))
        #expect(error.hasSuffix("(after 2 attempts)"))
    }

    @Test func secretsAreMaskedInEventsAndOutputs() async throws {
        let server = try await FakeModelServer.start([.answer("The key is hunter2-secret.")])
        defer { server.stop() }
        let harness = try AgentHarness(["w": """
            name: Leak
            steps:
              - {id: ask, type: agent_task, config: {goal: "Use ${{ secrets.API_TOKEN }}"}}
            """], baseURL: server.baseURL, secrets: DictionarySecrets(values: ["API_TOKEN": "hunter2-secret", "MODEL_KEY": "sk-model-key"]),
            apiKeySecret: "MODEL_KEY")
        defer { harness.folder.remove() }
        let record = try await harness.run()
        #expect(record.status == .completed)
        #expect(await server.script.headers.first?["authorization"] == "Bearer sk-model-key")
        #expect(try record.output("ask")["answer"] == "The key is ***.")
        #expect(try await harness.events(record.id, .agentTurn).first?.data?["content"] == "The key is ***.")
    }
}
