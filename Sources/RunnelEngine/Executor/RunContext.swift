import Foundation
import RunnelCore

/// Builds the expression contexts of a run from its record.
struct RunContext: Sendable {
    let workflow: Workflow
    let secrets: any SecretStore
    let secretNames: Set<String>

    init(workflow: Workflow, secrets: any SecretStore) {
        self.workflow = workflow
        self.secrets = secrets
        self.secretNames = workflow.secretNames
    }

    /// The contexts an expression of `record`'s run sees now; `steps` is the run's current
    /// ``StepsContext`` (the record's own step runs may be stale).
    func evaluationContext(_ record: RunRecord, steps: StepsContext, anyFailed: Bool, cancelled: Bool,
                           extra: [String: JSONValue] = [:]) -> EvaluationContext {
        var secretValues: [String: JSONValue] = [:]
        for name in secretNames { if let value = secrets.value(named: name) { secretValues[name] = .string(value) } }
        var trigger = record.trigger.details
        trigger["type"] = .string(record.trigger.type)
        var contexts: [String: JSONValue] = [
            "inputs": .object(record.inputs),
            "steps": .object(steps.value),
            "event": record.trigger.details["event"] ?? .null,
            "secrets": .object(secretValues),
            "run": ["id": .string(record.id), "trigger": .object(trigger), "attempt": 1],
            "workflow": [
                "id": .string(workflow.id), "name": .string(workflow.name),
                "commit": record.commit.map(JSONValue.string) ?? .null,
                "version": record.workflowVersion.map { .number(Double($0)) } ?? .null,
            ],
        ]
        contexts["env"] = .object([:])
        for (key, value) in extra { contexts[key] = value }
        var context = EvaluationContext(contexts: contexts, anyStepFailed: anyFailed, cancelled: cancelled)
        if !workflow.env.isEmpty {
            var env: [String: JSONValue] = [:]
            for item in workflow.env {
                env[item.name.value] = (try? item.value.evaluated(in: context)) ?? .null
            }
            context.contexts["env"] = .object(env)
        }
        return context
    }

    /// The workflow-level `env` as strings, for scripts.
    func environment(_ context: EvaluationContext) -> [String: String] {
        guard case .object(let env)? = context.contexts["env"] else { return [:] }
        return env.mapValues(\.text)
    }
}
