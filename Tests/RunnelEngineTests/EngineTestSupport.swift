import Foundation
import RunnelCore
@testable import RunnelEngine

/// Loads a workflow from YAML text, failing the test on any diagnostic.
func workflow(_ yaml: String, id: String = "test") throws -> Workflow {
    let result = WorkflowLoader.load(path: "workflows/\(id).yaml", text: yaml)
    let problems = Validator.validate(result).filter { $0.severity == .error }
    guard problems.isEmpty, let workflow = result.workflow else {
        throw TestFailure(description: "workflow does not load: \(problems.map(\.description).joined(separator: "\n"))")
    }
    return workflow
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

/// A temporary folder removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Workflows from YAML texts held in memory.
struct MemoryWorkflowSource: WorkflowSource {
    var workflows: [String: Workflow]

    init(_ workflows: [Workflow]) {
        self.workflows = Dictionary(workflows.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow {
        guard let workflow = workflows[id] else { throw EngineError(.notFound, "workflow '\(id)' not found") }
        return PinnedWorkflow(workflow: workflow, commit: commit)
    }
}

/// A runner whose outcomes the test scripts, per step id, and which can hold steps until
/// the test releases them (to observe concurrency).
actor ScriptedRunner: StepRunner {
    private var outcomes: [String: [StepOutcome]] = [:]
    private var held: Set<String> = []
    private(set) var started: [String] = []
    private(set) var maxConcurrent = 0
    private var current = 0

    /// Outcomes of successive attempts of `stepID` (the last one repeats).
    func script(_ stepID: String, _ outcomes: [StepOutcome]) { self.outcomes[stepID] = outcomes }

    /// Steps with this id wait in `run` until ``release(_:)``.
    func hold(_ stepID: String) { held.insert(stepID) }

    func release(_ stepID: String) {
        held.remove(stepID)
    }

    nonisolated func run(_ invocation: StepInvocation) async -> StepOutcome {
        await perform(invocation.step.id.value, invocation)
    }

    private func perform(_ id: String, _ invocation: StepInvocation) async -> StepOutcome {
        started.append(id)
        current += 1
        maxConcurrent = max(maxConcurrent, current)
        defer { current -= 1 }
        // Held steps wait for `release`, or for cancellation as a real runner would.
        while held.contains(id), !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if Task.isCancelled { return .failed("cancelled", output: nil) }
        var list = outcomes[id] ?? []
        let outcome = list.first ?? .completed(["step": .string(id), "attempt": .number(Double(invocation.attempt))])
        if list.count > 1 { list.removeFirst() }
        outcomes[id] = list
        return outcome
    }

    /// Waits until `stepID` has started `count` times.
    func waitUntilStarted(_ stepID: String, count: Int = 1) async {
        while started.filter({ $0 == stepID }).count < count {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// A runner that sleeps until cancelled (timeouts, cancellation).
struct SleepingRunner: StepRunner {
    func run(_ invocation: StepInvocation) async -> StepOutcome {
        try? await Task.sleep(for: .seconds(3600))
        return .failed("cancelled", output: nil)
    }
}

struct NoSecrets: SecretStore {
    func value(named name: String) -> String? { nil }
    var allValues: [String] { [] }
}

struct DictionarySecrets: SecretStore {
    var values: [String: String]
    func value(named name: String) -> String? { values[name] }
    var allValues: [String] { Array(values.values) }
}
