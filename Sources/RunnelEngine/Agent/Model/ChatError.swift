/// Why a chat model request failed (after its retries).
public struct ChatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure.
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached.
        case connection
        /// No answer within the request timeout.
        case timeout
        /// The server answered with an error status.
        case status(Int)
        /// The answer is not a chat completion (not JSON, no choices…).
        case invalidResponse
        /// The provider is not configured (unknown name, missing API key secret).
        case configuration
        /// The request was cancelled.
        case cancelled
    }

    /// What kind of failure.
    public var kind: Kind
    /// What went wrong, for a person.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Whether trying again may help: connection failures, timeouts, 429, 5xx and malformed answers.
    public var isRetryable: Bool {
        switch kind {
        case .connection, .timeout, .invalidResponse: true
        case .status(let code): code == 429 || code >= 500
        case .configuration, .cancelled: false
        }
    }
}
