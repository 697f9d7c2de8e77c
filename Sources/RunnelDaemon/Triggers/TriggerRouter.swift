import Foundation
public import RunnelCore
public import RunnelEngine

/// Matches events, inbound webhooks and finished runs to the triggers of runnable workflows.
/// The trigger's `if` and `inputs` see the `event` context only.
public enum TriggerRouter {
    /// The runs `event` (type `type`) starts: every runnable workflow with an `on.event` of
    /// that type whose `if` holds. A trigger whose `if` or `inputs` fail to evaluate starts
    /// nothing and is reported in `problems`.
    public static func runs(forEvent type: String, _ event: TriggerEvent, in entries: [WorkflowEntry]) -> (runs: [TriggeredRun], problems: [String]) {
        var runs: [TriggeredRun] = []
        var problems: [String] = []
        for entry in entries.sorted(by: { $0.id < $1.id }) where entry.isRunnable {
            guard let workflow = entry.active?.workflow else { continue }
            for (index, trigger) in workflow.triggers.events.enumerated() where trigger.type.value == type {
                let label = "\(entry.id): on.event[\(index)]"
                switch evaluate(condition: trigger.condition?.value, inputs: trigger.inputs, event: event) {
                case .success(nil): continue
                case .success(let inputs?):
                    runs.append(TriggeredRun(workflowID: entry.id, inputs: inputs,
                                             trigger: RunTrigger(type: "event", details: ["event": event.context, "event_type": .string(type)])))
                case .failure(let message): problems.append("\(label): \(message)")
                }
            }
        }
        return (runs, problems)
    }

    /// The run an inbound webhook starts, when `workflowID` has a runnable hook `hookID`.
    /// The signature is checked by the caller (``WebhookSignature``) before this.
    public static func run(forWebhook hookID: String, of entry: WorkflowEntry, _ event: TriggerEvent) -> Result<TriggeredRun, TriggerError> {
        guard entry.isRunnable, let workflow = entry.active?.workflow else {
            return .failure(TriggerError("workflow '\(entry.id)' is \(entry.state); only active workflows take webhooks"))
        }
        guard let hook = workflow.triggers.webhooks.first(where: { $0.id.value == hookID }) else {
            return .failure(TriggerError("workflow '\(entry.id)' has no webhook '\(hookID)'"))
        }
        switch evaluate(condition: nil, inputs: hook.inputs, event: event) {
        case .success(let inputs):
            return .success(TriggeredRun(workflowID: entry.id, inputs: inputs ?? [:],
                                         trigger: RunTrigger(type: "webhook", details: ["event": event.context, "hook": .string(hookID)])))
        case .failure(let message):
            return .failure(TriggerError("webhook '\(hookID)' of '\(entry.id)': \(message)"))
        }
    }

    /// The longest chain of runs started by `on.workflow` triggers: two workflows that chain
    /// after each other stop there instead of running forever.
    public static let chainDepthLimit = 16

    /// The runs that chain after `finished` (`on.workflow` with `completed:` naming its
    /// workflow and its status listed). A workflow never chains after itself, and a chain
    /// stops at ``chainDepthLimit`` runs (the last one's trigger says so in `problems`).
    public static func runs(after finished: RunRecord, in entries: [WorkflowEntry], eventID: String, receivedAt: String) -> (runs: [TriggeredRun], problems: [String]) {
        let depth = Int(finished.trigger.details["chain_depth"]?.numberValue ?? 0) + 1
        let payload: JSONValue = ["workflow_id": .string(finished.workflowID), "run_id": .string(finished.id),
                                  "status": .string(finished.status.rawValue), "outputs": .object(finished.outputs ?? [:])]
        let event = TriggerEvent(type: "workflow.completed", payload: payload, id: eventID, receivedAt: receivedAt)
        var runs: [TriggeredRun] = []
        var problems: [String] = []
        for entry in entries.sorted(by: { $0.id < $1.id }) where entry.isRunnable && entry.id != finished.workflowID {
            guard let workflow = entry.active?.workflow else { continue }
            for (index, trigger) in workflow.triggers.workflows.enumerated()
            where trigger.completed.value == finished.workflowID && trigger.statuses.contains(finished.status.rawValue) {
                guard depth <= chainDepthLimit else {
                    problems.append("\(entry.id): on.workflow[\(index)]: not started: run \(finished.id) ends a chain of \(chainDepthLimit) runs started by workflow triggers (a loop of workflows that chain after each other?)")
                    continue
                }
                switch evaluate(condition: nil, inputs: trigger.inputs, event: event) {
                case .success(let inputs):
                    runs.append(TriggeredRun(workflowID: entry.id, inputs: inputs ?? [:],
                                             trigger: RunTrigger(type: "workflow", details: ["event": event.context, "parent_run_id": .string(finished.id),
                                                                                       "chain_depth": .number(Double(depth))])))
                case .failure(let message):
                    problems.append("\(entry.id): on.workflow[\(index)]: \(message)")
                }
            }
        }
        return (runs, problems)
    }

    /// `nil` when the `if` is false; the evaluated inputs otherwise.
    private static func evaluate(condition: String?, inputs: SourceValue?, event: TriggerEvent) -> Result<[String: JSONValue]?, TriggerError> {
        let context = EvaluationContext(contexts: ["event": event.context])
        do {
            if let condition, !(try context.evaluate(condition: condition).isTruthy) { return .success(nil) }
            guard let inputs else { return .success([:]) }
            guard case .object(let values) = try inputs.evaluated(in: context) else {
                return .failure(TriggerError("'inputs' must be a mapping"))
            }
            return .success(values)
        } catch {
            return .failure(TriggerError("\(error)"))
        }
    }
}

/// Why a trigger could not start a run.
extension Result where Failure == TriggerError {
    /// The failure's description; nil for a success.
    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}

public struct TriggerError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}
