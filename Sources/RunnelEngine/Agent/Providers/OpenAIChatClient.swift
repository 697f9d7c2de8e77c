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
        var attempt = 1
        while true {
            do {
                return try await send(body)
            } catch let failure {
                guard failure.error.isRetryable, attempt < retry.attempts, !Task.isCancelled else {
                    throw attempt > 1 ? ChatError(failure.error.kind, "\(failure.error.message) (after \(attempt) attempts)") : failure.error
                }
                try? await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: failure.retryAfter))
                if Task.isCancelled { throw ChatError(.cancelled, "the request to provider '\(provider.name)' was cancelled") }
                attempt += 1
            }
        }
    }

    private struct Failure: Error {
        var error: ChatError
        var retryAfter: Duration?
    }

    /// One attempt.
    private func send(_ body: JSONValue) async throws(Failure) -> ChatResponse {
        let url = provider.chatCompletionsURL
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "runnel")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(string: body.serialized()))
        let deadline = NIODeadline.now() + .milliseconds(provider.timeout.totalMilliseconds)
        let where_ = "provider '\(provider.name)' (POST \(url))"
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            response = try await client.execute(request, deadline: deadline)
            buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw Failure(error: Self.chatError(error, where_, timeout: provider.timeout))
        }
        let status = Int(response.status.code)
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        guard (200..<300).contains(status) else {
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.retryAfter)
            throw Failure(error: ChatError(.status(status), "\(where_) answered \(status): \(ChatWire.errorMessage(text))"),
                          retryAfter: retryAfter)
        }
        do {
            return try ChatWire.decode(text)
        } catch {
            throw Failure(error: ChatError(.invalidResponse, "\(where_) answered something that is not a chat completion: \(error.message)"))
        }
    }

    /// Reads `Retry-After` as seconds (an HTTP date is ignored).
    static func retryAfter(_ text: String) -> Duration? {
        guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0, seconds < 86_400 else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    static func chatError(_ error: any Error, _ where_: String, timeout: Duration) -> ChatError {
        if error is CancellationError || Task.isCancelled { return ChatError(.cancelled, "the request to \(where_) was cancelled") }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return ChatError(.timeout, "\(where_) did not answer within \(timeout.compactDescription)")
            case .connectTimeout:
                return ChatError(.connection, "\(where_) could not be reached: connection timed out")
            case .cancelled:
                return ChatError(.cancelled, "the request to \(where_) was cancelled")
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return ChatError(.invalidResponse, "\(where_) answered more than \(maxResponseBytes) bytes")
        }
        return ChatError(.connection, "\(where_) could not be reached: \(HTTPTransport.describe(error))")
    }
}
