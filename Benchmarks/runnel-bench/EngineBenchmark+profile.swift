import Foundation
import RunnelCore
import RunnelEngine

extension EngineBenchmark {
    /// What callgrind counts for the step overhead: `runs` one-step durable runs through the
    /// engine and a `FileRunStore`, after one warm-up run; the step is a script (`run: "true"`)
    /// or, with `noop`, a runner that returns at once (valgrind 3.19 dies at the spawn of
    /// swift-subprocess, so callgrind counts the engine and store part with it).
    /// `runnel-bench one-step-runs N [noop]`; the difference of two counts (N and 0) over N is
    /// the instructions one run costs in this process.
    static func oneStepRuns(_ runs: Int, noop: Bool) async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-step-profile-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let flow = try load("name: \"True\"\nsteps:\n  - {id: t, type: script, config: {run: \"true\", shell: sh}}\n", id: "true")
            let runners = noop ? StepRunners([.script: NoopStep()]) : StepRunners.standard(temporaryRoot: root)
            let engine = Engine(store: try FileRunStore(state: root + "/state"), runners: runners,
                                secrets: NoSecrets(), workflows: Workflows([flow]))
            for _ in 0..<(runs + 1) {
                let started = try await engine.start(workflowID: flow.id, inputs: [:])
                guard await engine.wait(started.id)?.status == .completed else { throw BenchFailure("the run failed") }
            }
            print("engine: \(runs) one-step runs (after one warm-up)")
        } catch {
            print("engine: profile stopped: \(error)")
        }
    }
}
