import Foundation
import RunnelCore
import RunnelEngine
import Subprocess
#if canImport(Glibc)
import Glibc
#endif

/// The run engine's figures: steps/s through the real engine with a `FileRunStore` (durable
/// records) for 1,000 independent no-op steps and a chain of 1,000, the added latency of a
/// `script` step over spawning `/bin/true`, and run-list queries over 100,000 records
/// (``EngineBenchmark/runList()``, in `EngineBenchmark+runList.swift`).
///
/// Everything lives in a temporary folder on the system's temporary disk (fsyncs are real).
enum EngineBenchmark {
    static func run() async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-engine-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try await throughput(root: root)
            try await scriptLatency(root: root)
            try await runList(root: root)
        } catch {
            print("engine: benchmark stopped: \(error)")
        }
    }

    // MARK: - Steps per second

    static let stepCount = 1_000

    static func throughput(root: String) async throws {
        print(String(format: "engine: fdatasync of a one-line append on this disk: %.2f ms median (%d samples)",
                     fdatasyncMedian(folder: root) * 1000, 200))
        let independent = try load(manySteps(chained: false), id: "independent")
        let chain = try load(manySteps(chained: true), id: "chain")
        for (label, flow) in [("1,000 independent no-op steps", independent), ("a chain of 1,000 no-op steps", chain)] {
            let state = root + "/state-" + flow.id
            let store = try FileRunStore(state: state)
            let engine = Engine(store: store, runners: StepRunners([.script: NoopStep()]), secrets: NoSecrets(),
                                workflows: Workflows([flow]))
            var rates: [Double] = []
            for _ in 0..<5 {
                let began = ContinuousClock.now
                let started = try await engine.start(workflowID: flow.id, inputs: [:])
                let final = await engine.wait(started.id)
                let elapsed = seconds(ContinuousClock.now - began)
                guard final?.status == .completed, final?.stepRuns.count == stepCount else {
                    print("engine: \(label): run ended \(final?.status.rawValue ?? "missing") with \(final?.stepRuns.count ?? 0) steps")
                    break
                }
                rates.append(Double(stepCount) / elapsed)
            }
            guard !rates.isEmpty else { continue }
            let sorted = rates.sorted()
            print("engine: \(label), durable records: \(CronBenchmark.format(sorted[sorted.count / 2])) steps/s median of \(rates.count) runs"
                  + " (best \(CronBenchmark.format(sorted.last!)); target ≥ 2,000 steps/s)")
        }
    }

    /// A workflow of `stepCount` script steps (run by ``NoopStep``), each after the previous
    /// one when `chained`.
    static func manySteps(chained: Bool) -> String {
        var yaml = "name: Many steps\nsteps:\n"
        for i in 0..<stepCount {
            let needs = chained && i > 0 ? ", depends_on: [s\(i - 1)]" : ""
            yaml += "  - {id: s\(i), type: script\(needs), config: {run: \"true\"}}\n"
        }
        return yaml
    }

    /// The median time of an `fdatasync` after appending one line: the floor of a step
    /// whose completion must be durable before the next one is recorded.
    static func fdatasyncMedian(folder: String) -> Double {
        let path = folder + "/sync-probe.jsonl"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .nan }
        defer { close(fd); unlink(path) }
        let line = Array("{\"id\":1,\"type\":\"step_completed\",\"step_id\":\"s1\"}\n".utf8)
        var samples: [Double] = []
        for _ in 0..<200 {
            let began = ContinuousClock.now
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            _ = fdatasync(fd)
            samples.append(seconds(ContinuousClock.now - began))
        }
        return percentile(samples, 0.5)
    }

    // MARK: - Script step latency

    static let scriptRuns = 200

    static func scriptLatency(root: String) async throws {
        let flow = try load("name: \"True\"\nsteps:\n  - {id: t, type: script, config: {run: \"true\", shell: sh}}\n", id: "true")
        let runners = StepRunners.standard(temporaryRoot: root)
        guard let script = runners.runner(for: .script) else { return }
        let invocation = StepInvocation(runID: RunID.make(), workflowID: flow.id, step: flow.steps[0], attempt: 1,
                                        context: EvaluationContext(), secrets: NoSecrets())
        let direct = try await samples {
            _ = try await Subprocess.run(.path("/bin/true"), output: .discarded)
        }
        let shell = try await samples {
            _ = try await Subprocess.run(.path("/bin/sh"), arguments: ["-c", "true"], output: .discarded)
        }
        let step = try await samples {
            guard case .completed = await script.run(invocation) else { throw BenchFailure("the script step failed") }
        }
        let store = try FileRunStore(state: root + "/state-true")
        let engine = Engine(store: store, runners: runners, secrets: NoSecrets(), workflows: Workflows([flow]))
        let whole = try await samples {
            let started = try await engine.start(workflowID: flow.id, inputs: [:])
            guard await engine.wait(started.id)?.status == .completed else { throw BenchFailure("the run failed") }
        }
        func line(_ label: String, _ values: [Double]) -> String {
            (label.isEmpty ? "" : label + " ") + String(format: "%.2f ms median, p90 %.2f ms", percentile(values, 0.5) * 1000, percentile(values, 0.9) * 1000)
        }
        print("engine: spawning (\(scriptRuns) runs each): " + line("/bin/true via swift-subprocess", direct) + "; " + line("sh -c true", shell))
        print("engine: script step `run: \"true\"` (sh) through the ScriptStep runner: " + line("", step)
              + String(format: " → added over /bin/true: %.2f ms median, p90 %.2f ms (target ≤ 2 ms median)",
                       (percentile(step, 0.5) - percentile(direct, 0.5)) * 1000, (percentile(step, 0.9) - percentile(direct, 0.9)) * 1000))
        print("engine: the same as a one-step run through the engine (durable run record): " + line("", whole)
              + String(format: " → added over /bin/true: %.2f ms median", (percentile(whole, 0.5) - percentile(direct, 0.5)) * 1000))
    }

    /// Times `body` `scriptRuns` times after five warm-up calls; seconds per call.
    static func samples(_ body: () async throws -> Void) async throws -> [Double] {
        for _ in 0..<5 { try await body() }
        var result: [Double] = []
        for _ in 0..<scriptRuns {
            let began = ContinuousClock.now
            try await body()
            result.append(seconds(ContinuousClock.now - began))
        }
        return result
    }

    // MARK: - Helpers

    static func load(_ yaml: String, id: String) throws -> Workflow {
        let result = WorkflowLoader.load(path: "workflows/\(id).yaml", text: yaml)
        let errors = Validator.validate(result).filter { $0.severity == .error }
        guard errors.isEmpty, let workflow = result.workflow else {
            throw BenchFailure("workflow \(id) does not load: \(errors.map(\.description).joined(separator: "; "))")
        }
        return workflow
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

/// A step that does nothing and succeeds at once.
struct NoopStep: StepRunner {
    func run(_ invocation: StepInvocation) async -> StepOutcome { .completed(.null) }
}

/// Workflows held in memory.
struct Workflows: WorkflowSource {
    let byID: [String: Workflow]

    init(_ workflows: [Workflow]) { byID = Dictionary(workflows.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }) }

    func workflow(id: String, commit: String?) async throws(EngineError) -> PinnedWorkflow {
        guard let workflow = byID[id] else { throw EngineError(.notFound, "workflow '\(id)' not found") }
        return PinnedWorkflow(workflow: workflow, commit: commit)
    }
}

struct NoSecrets: SecretStore {
    func value(named name: String) -> String? { nil }
    var allValues: [String] { [] }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
