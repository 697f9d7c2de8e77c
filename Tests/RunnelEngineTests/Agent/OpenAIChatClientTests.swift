import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// The OpenAI-compatible client against a local scripted server.
@Suite struct OpenAIChatClientTests {
    static let quick = ChatRetryPolicy(attempts: 3, initial: .milliseconds(10), max: .milliseconds(50), maxRetryAfter: .milliseconds(50))

    func client(_ server: FakeModelServer, timeout: Duration = .seconds(10), key: String? = "sk-test") -> OpenAIChatClient {
        OpenAIChatClient(provider: ProviderSettings(name: "default", baseURL: server.baseURL, model: "fake-model", temperature: 0.2,
                                                    maxTokens: 300, timeout: timeout),
                         apiKey: key, retry: Self.quick)
    }

    @Test func sendsTheConversationAndReadsTheAnswer() async throws {
        let server = try await FakeModelServer.start([.answer("Hello there", usage: (12, 3))])
        defer { server.stop() }
        let response = try await client(server).complete(ChatRequest(
            messages: [.system("Be brief"), .user("Hi")],
            tools: [ToolDefinition(name: "lookup", description: "Looks up", parameters: ["type": "object"])]))
        #expect(response.message.content == "Hello there")
        #expect(response.usage == TokenUsage(prompt: 12, completion: 3, total: 15))
        let sent = try #require(await server.requests.first)
        #expect(sent["model"] == "fake-model")
        #expect(sent["temperature"] == 0.2)
        #expect(sent["max_tokens"] == 300)
        #expect(sent["messages"] == [["role": "system", "content": "Be brief"], ["role": "user", "content": "Hi"]])
        #expect(sent["tools"]?.arrayValue?.first?["function"]?["name"] == "lookup")
        #expect(await server.script.headers.first?["authorization"] == "Bearer sk-test")
    }

    @Test func readsToolCalls() async throws {
        let server = try await FakeModelServer.start([.tools([("c1", "lookup", #"{"q":"a"}"#), ("c2", "lookup", #"{"q":"b"}"#)])])
        defer { server.stop() }
        let response = try await client(server, key: nil).complete(ChatRequest(messages: [.user("Hi")]))
        #expect(response.message.toolCalls == [ToolCall(id: "c1", name: "lookup", arguments: #"{"q":"a"}"#),
                                               ToolCall(id: "c2", name: "lookup", arguments: #"{"q":"b"}"#)])
        #expect(response.finishReason == "tool_calls")
        #expect(await server.script.headers.first?["authorization"] == nil)
    }

    @Test func retriesA429ThenSucceeds() async throws {
        let server = try await FakeModelServer.start([.status(429, retryAfter: "0"), .status(503), .answer("fine")])
        defer { server.stop() }
        let response = try await client(server).complete(ChatRequest(messages: [.user("Hi")]))
        #expect(response.message.content == "fine")
        #expect(await server.requests.count == 3)
    }

    @Test func aClientErrorIsNotRetried() async throws {
        let server = try await FakeModelServer.start([.status(401), .answer("never")])
        defer { server.stop() }
        do {
            _ = try await client(server).complete(ChatRequest(messages: [.user("Hi")]))
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .status(401))
        }
        #expect(await server.requests.count == 1)
    }

    @Test func givesUpAfterItsRetries() async throws {
        let server = try await FakeModelServer.start([.status(500)])
        defer { server.stop() }
        do {
            _ = try await client(server).complete(ChatRequest(messages: [.user("Hi")]))
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .status(500))
            #expect(error.message.contains("answered 500: scripted status 500 (after 3 attempts)"))
        }
        #expect(await server.requests.count == 3)
    }

    @Test func aGarbageBodyIsAClearError() async throws {
        let server = try await FakeModelServer.start([.garbage])
        defer { server.stop() }
        do {
            _ = try await client(server).complete(ChatRequest(messages: [.user("Hi")]))
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .invalidResponse)
            #expect(error.message.contains("not a chat completion"))
            #expect(error.message.contains("<html>gateway says hi</html>"))
        }
    }

    @Test func aSlowServerTimesOut() async throws {
        let server = try await FakeModelServer.start([.slow(.seconds(30))])
        defer { server.stop() }
        do {
            _ = try await client(server, timeout: .milliseconds(300)).complete(ChatRequest(messages: [.user("Hi")]))
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.message.contains("did not answer within 300ms"))
        }
        #expect(await server.requests.count == 3)
    }

    @Test func aServerThatIsDownIsAClearError() async throws {
        let server = try await FakeModelServer.start([])
        let port = server.port
        server.stop()
        try await Task.sleep(for: .milliseconds(100))
        let down = OpenAIChatClient(provider: ProviderSettings(name: "down", baseURL: "http://127.0.0.1:\(port)/v1", model: "m"),
                                    apiKey: nil, retry: Self.quick)
        do {
            _ = try await down.complete(ChatRequest(messages: [.user("Hi")]))
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .connection)
            #expect(error.message.contains("provider 'down'"))
            #expect(error.message.contains("could not be reached"))
        }
    }
}

/// `providers:` of runnel.yaml and how a step's `model:` picks one.
@Suite struct ProviderCatalogTests {
    @Test func readsProviders() throws {
        let (catalog, problems) = ProviderCatalog.parse(settingsText: """
            timezone: UTC
            providers:
              default: {base_url: "https://api.openai.com/v1", api_key_secret: OPENAI_KEY, model: gpt-4o-mini}
              local:
                base_url: http://127.0.0.1:11434/v1/
                model: llama3.2
                temperature: 0.1
                max_tokens: 500
                timeout: 5m
            """)
        #expect(problems.isEmpty)
        let local = try #require(catalog.providers["local"])
        #expect(local.chatCompletionsURL == "http://127.0.0.1:11434/v1/chat/completions")
        #expect(local.timeout == .seconds(300))
        #expect(local.maxTokens == 500)
        #expect(try catalog.resolve("local").model == "llama3.2")
        #expect(try catalog.resolve(nil).model == "gpt-4o-mini")
        let other = try catalog.resolve("gpt-4.1")
        #expect(other.provider.name == "default")
        #expect(other.model == "gpt-4.1")
    }

    @Test func reportsProblemsWithPositions() {
        let (catalog, problems) = ProviderCatalog.parse(settingsText: """
            providers:
              default:
                base_url: ftp://x
                modle: a
                timeout: soon
              other: 3
            """)
        #expect(catalog.isEmpty)
        #expect(problems == [
            "runnel.yaml:4:5: unknown key 'modle' in provider 'default'; did you mean 'model'?",
            "runnel.yaml:3:15: 'base_url' of provider 'default' must start with http:// or https://",
            "runnel.yaml:2:3: provider 'default' needs 'model'",
            "runnel.yaml:5:14: 'timeout' of provider 'default' must be a duration such as 30s or 5m",
            "runnel.yaml:6:10: provider 'other' must be a mapping (base_url, model, …), not a number",
        ])
    }

    @Test func noProviderIsAClearError() {
        #expect(throws: ChatError(.configuration, "no model provider configured: add providers: {default: {base_url: …, model: …}} to runnel.yaml")) {
            try ProviderCatalog().resolve(nil)
        }
    }

    @Test func aMissingKeySecretIsAClearError() {
        let catalog = ProviderCatalog([ProviderSettings(name: "default", baseURL: "http://x/v1", apiKeySecret: "KEY", model: "m")])
        #expect(throws: ChatError(.configuration, "provider 'default' needs the secret 'KEY' (its api_key_secret), which is not set")) {
            try catalog.client(for: nil, secrets: NoSecrets())
        }
    }
}

/// Backoff between attempts and `Retry-After`.
@Suite struct ChatRetryPolicyTests {
    @Test func backoffDoublesUpToTheCapAndRetryAfterWins() {
        let policy = ChatRetryPolicy(attempts: 5, initial: .seconds(1), max: .seconds(3), maxRetryAfter: .seconds(10))
        #expect((1...4).map { policy.delay(afterAttempt: $0, retryAfter: nil) } == [.seconds(1), .seconds(2), .seconds(3), .seconds(3)])
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(70)) == .seconds(10))
        #expect(OpenAIChatClient.retryAfter(" 2 ") == .seconds(2))
        #expect(OpenAIChatClient.retryAfter("0.5") == .milliseconds(500))
        #expect(OpenAIChatClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(OpenAIChatClient.retryAfter("-1") == nil)
    }

    @Test func retryAfterIsHonoured() async throws {
        let server = try await FakeModelServer.start([.status(429, retryAfter: "1"), .answer("ok")])
        defer { server.stop() }
        let client = OpenAIChatClient(provider: ProviderSettings(name: "default", baseURL: server.baseURL, model: "m"), apiKey: nil,
                                      retry: ChatRetryPolicy(attempts: 2, initial: .milliseconds(1), max: .milliseconds(1), maxRetryAfter: .seconds(5)))
        let started = ContinuousClock.now
        _ = try await client.complete(ChatRequest(messages: [.user("Hi")]))
        // The computed backoff is 1 ms: only the header makes it wait a second.
        #expect(ContinuousClock.now - started >= .seconds(1))
    }
}

/// Reading chat-completion bodies as local servers write them.
@Suite struct ChatWireTests {
    @Test func missingOrRepeatedCallIDsAreMadeUnique() throws {
        let response = try ChatWire.decode("""
            {"choices": [{"message": {"role": "assistant", "tool_calls": [
              {"function": {"name": "a", "arguments": {"x": 1}}},
              {"id": "same", "function": {"name": "b", "arguments": "{}"}},
              {"id": "same", "function": {"name": "c"}}
            ]}}]}
            """)
        #expect(response.message.toolCalls == [ToolCall(id: "call_1", name: "a", arguments: #"{"x":1}"#),
                                               ToolCall(id: "same", name: "b", arguments: "{}"),
                                               ToolCall(id: "call_3_same", name: "c", arguments: "{}")])
        #expect(response.usage == nil)
    }

    @Test func aBodyWithoutChoicesIsRefused() {
        #expect(throws: ChatWire.DecodeError.self) { try ChatWire.decode(#"{"object": "error"}"#) }
    }
}
