public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import RunnelCore

/// A ``ChatModel`` over the OpenAI chat-completions protocol (`POST {base_url}/chat/completions`,
/// tools in the `tools`/`tool_calls` shape), which OpenAI, Ollama, vLLM and llama.cpp's server
/// speak. Retries connection failures, timeouts, 429, 5xx and malformed answers with backoff,
/// honouring `Retry-After`.
public struct OpenAIChatClient: ChatModel {
    /// The provider it calls.
    public let provider: ProviderSettings
    /// How it retries.
    public let retry: ChatRetryPolicy
    private let apiKey: String?
    private let client: HTTPClient

    /// The largest answer read (10 MB).
    static let maxResponseBytes = 10 * 1024 * 1024

    /// Creates a client.
    /// - Parameters:
    ///   - provider: Where and what to call.
    ///   - apiKey: The API key's value (sent as `Authorization: Bearer …`), if any.
    ///   - retry: How failed requests are retried.
    ///   - httpClient: The HTTP client (default: the one the step runners share).
    public init(provider: ProviderSettings, apiKey: String?, retry: ChatRetryPolicy = .standard, httpClient: HTTPClient? = nil) {
        self.provider = provider
        self.apiKey = apiKey
        self.retry = retry
        self.client = httpClient ?? HTTPTransport.sharedClient
    }

    public func complete(_ request: ChatRequest) async throws(ChatError) -> ChatResponse {
        let body = ChatWire.encode(request, provider: provider)
        let url = provider.chatCompletionsURL
        return try await retrying { () async throws(Failure) -> ChatResponse in
            let text = try await post(body, to: url)
            do throws(ChatWire.DecodeError) {
                return try ChatWire.decode(text)
            } catch {
                throw Failure(error: ChatError(.invalidResponse, "\(describe(url)) answered something that is not a chat completion: \(error.message)"))
            }
        }
    }

    /// A failed attempt, with the delay the server asked for.
    struct Failure: Error {
        var error: ChatError
        var retryAfter: Duration?
    }

    /// Runs `attempt` until it succeeds, fails in a way that retrying can't help, or the
    /// policy's attempts are spent.
    func retrying<T: Sendable>(_ attempt: () async throws(Failure) -> T) async throws(ChatError) -> T {
        var number = 1
        while true {
            do {
                return try await attempt()
            } catch let failure {
                guard failure.error.isRetryable, number < retry.attempts, !Task.isCancelled else {
                    throw number > 1 ? ChatError(failure.error.kind, "\(failure.error.message) (after \(number) attempts)") : failure.error
                }
                try? await Task.sleep(for: retry.delay(afterAttempt: number, retryAfter: failure.retryAfter))
                if Task.isCancelled { throw ChatError(.cancelled, "the request to provider '\(provider.name)' was cancelled") }
                number += 1
            }
        }
    }

    func describe(_ url: String) -> String { "provider '\(provider.name)' (POST \(url))" }

    /// One POST of a JSON body; returns the body of a 2xx answer.
    func post(_ body: JSONValue, to url: String) async throws(Failure) -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "runnel")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(string: body.serialized()))
        let deadline = NIODeadline.now() + .milliseconds(provider.timeout.totalMilliseconds)
        let target = describe(url)
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            response = try await client.execute(request, deadline: deadline)
            buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw Failure(error: Self.chatError(error, target, timeout: provider.timeout))
        }
        let status = Int(response.status.code)
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        guard (200..<300).contains(status) else {
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.retryAfter)
            throw Failure(error: ChatError(.status(status), "\(target) answered \(status): \(ChatWire.errorMessage(text))"),
                          retryAfter: retryAfter)
        }
        return text
    }

    /// Reads `Retry-After` as seconds (an HTTP date is ignored).
    static func retryAfter(_ text: String) -> Duration? {
        guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0, seconds < 86_400 else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    static func chatError(_ error: any Error, _ target: String, timeout: Duration) -> ChatError {
        if error is CancellationError || Task.isCancelled { return ChatError(.cancelled, "the request to \(target) was cancelled") }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return ChatError(.timeout, "\(target) did not answer within \(timeout.compactDescription)")
            case .connectTimeout:
                return ChatError(.connection, "\(target) could not be reached: connection timed out")
            case .cancelled:
                return ChatError(.cancelled, "the request to \(target) was cancelled")
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return ChatError(.invalidResponse, "\(target) answered more than \(maxResponseBytes) bytes")
        }
        return ChatError(.connection, "\(target) could not be reached: \(HTTPTransport.describe(error))")
    }
}
