public import Foundation
public import RunnelCore

/// What a signed approval link carries: which wait, which action, for whom, until when. It is
/// the link's only credential, so it is signed (``ApprovalKey``) and used once (its `id` is
/// recorded with the decision).
public struct ApprovalToken: Sendable, Hashable {
    /// The two actions a link can take.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case approve, reject
    }

    /// Random, unique: recorded when used.
    public var id: String
    /// The run.
    public var runID: String
    /// The wait (step) in the run.
    public var stepID: String
    /// What the link does.
    public var action: Action
    /// The person the link was sent to (who decides); nil for a link that names nobody.
    public var approver: String?
    /// When the link stops working (whole seconds).
    public var expiresAt: Date

    /// Creates a token with a fresh random id.
    public init(runID: String, stepID: String, action: Action, approver: String?, expiresAt: Date) {
        var generator = SystemRandomNumberGenerator()
        id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        self.runID = runID
        self.stepID = stepID
        self.action = action
        self.approver = approver
        self.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
    }

    /// Who the decision is recorded as.
    public var decider: String { approver ?? "link" }

    var payload: JSONValue {
        ["v": 1, "id": .string(id), "run": .string(runID), "step": .string(stepID), "act": .string(action.rawValue),
         "who": approver.map(JSONValue.string) ?? .null, "exp": .number(expiresAt.timeIntervalSince1970)]
    }

    init?(payload: JSONValue) {
        guard payload["v"] == 1, let id = payload["id"]?.stringValue, let run = payload["run"]?.stringValue,
              let step = payload["step"]?.stringValue, let action = payload["act"]?.stringValue.flatMap(Action.init(rawValue:)),
              let exp = payload["exp"]?.numberValue else { return nil }
        self.id = id
        runID = run
        stepID = step
        self.action = action
        approver = payload["who"]?.stringValue
        expiresAt = Date(timeIntervalSince1970: exp)
    }
}

/// Why a link's token is refused.
public struct ApprovalTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    static let malformed = ApprovalTokenError(description: "the link's token is malformed")
    static let forged = ApprovalTokenError(description: "the link's token is not signed by this server")
    static let expired = ApprovalTokenError(description: "the link has expired")
}
