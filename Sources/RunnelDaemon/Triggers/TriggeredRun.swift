public import RunnelCore
public import RunnelEngine

/// A run a trigger asks for: which workflow, with which inputs, started by what.
public struct TriggeredRun: Sendable, Equatable {
    /// The workflow to run.
    public var workflowID: String
    /// The trigger's `inputs`, evaluated against the event.
    public var inputs: [String: JSONValue]
    /// What started it; `details.event` is the run's `event` context.
    public var trigger: RunTrigger
}

/// An event as runs see it: `event.type`, `event.payload`, `event.id`, `event.received_at`,
/// and for webhooks `event.hook` and `event.headers`.
public struct TriggerEvent: Sendable {
    /// The `event` context.
    public var context: JSONValue

    /// An event of `type` with its payload.
    public init(type: String, payload: JSONValue, id: String, receivedAt: String, extra: [String: JSONValue] = [:]) {
        var fields: [String: JSONValue] = ["type": .string(type), "payload": payload, "id": .string(id), "received_at": .string(receivedAt)]
        for (key, value) in extra { fields[key] = value }
        context = .object(fields)
    }
}
