/// An operation the API refused or could not do: its HTTP status (0 when the API could not be
/// reached) and the API's message.
public struct OperationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The API's HTTP status; 0 when there was no answer.
    public var status: Int
    /// The API's error code (`forbidden`, `not_found`…), when it gave one.
    public var code: String?
    /// What went wrong.
    public var message: String

    /// An error with a status, a code and a message.
    public init(status: Int, code: String? = nil, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String {
        let prefix = switch status {
        case 0: "unavailable"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not found"
        case 409: "conflict"
        default: "error \(status)"
        }
        return "\(prefix): \(message)"
    }
}
