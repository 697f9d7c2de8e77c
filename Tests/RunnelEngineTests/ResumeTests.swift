import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// What a resumed run keeps and what it decides again.
@Suite struct ResumeTests {
    @Test func stepsSkippedBecauseOfAFailureRunWhenTheRunIsResumed() async throws {
        let flow = try workflow("""
            name: Chain
            steps:
              - {id: a, type: script, config: {run: "true"}}
              - {id: b, type: script, depends_on: [a], config: {run: "true"}}
              - {id: c, type: script, depends_on: [b], config: {run: "true"}}
            """, id: "chain")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.script("b", [.failed("broken", output: nil), .completed("fixed")])
        let failed = try await harness.run("chain")
        #expect(failed.stepRun("c")?.status == .skipped)
        _ = try await harness.engine.resume(failed.id)
        let resumed = try #require(await harness.engine.wait(failed.id))
        #expect(resumed.status == .completed)
        #expect(resumed.stepRun("c")?.status == .completed, "c was skipped only because b had failed")
        #expect(await harness.runner.started == ["a", "b", "b", "c"])
    }

    @Test func resumingFromAStepKeepsATolerableFailureThatIsNotDownstream() async throws {
        let flow = try workflow("""
            name: Tolerant
            steps:
              - {id: soft, type: script, continue_on_error: true, config: {run: "true"}}
              - {id: main, type: script, config: {run: "true"}}
              - {id: after, type: script, depends_on: [main], config: {run: "true"}}
            """, id: "tolerant")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.script("soft", [.failed("flaky", output: nil)])
        let first = try await harness.run("tolerant")
        #expect(first.status == .completed)
        _ = try await harness.engine.resume(first.id, fromStep: "after")
        let again = try #require(await harness.engine.wait(first.id))
        #expect(again.status == .completed)
        #expect(again.stepRun("soft")?.status == .failed)
        #expect(again.stepRun("soft")?.attempt == 1, "soft is not downstream of 'after' and its failure was tolerated")
        #expect(await harness.runner.started.filter { $0 == "after" }.count == 2)
        #expect(await harness.runner.started.filter { $0 == "soft" }.count == 1)
    }
}

/// The run's own `timeout`.
@Suite struct RunTimeoutTests {
    @Test func theRunTimeoutCancelsRunningStepsAndFailsTheRun() async throws {
        let flow = try workflow("""
            name: Bounded
            timeout: 200ms
            steps:
              - {id: long, type: wait, config: {duration: 1h}}
              - {id: next, type: wait, depends_on: [long], config: {duration: 1s}}
            on_failure:
              - {id: alert, type: script, config: {run: "true"}}
            """, id: "bounded")
        let harness = try EngineTests.Harness([flow], extra: [.wait: SleepingRunner()])
        defer { harness.folder.remove() }
        let record = try await harness.run("bounded")
        #expect(record.status == .failed)
        #expect(record.error == "the run timed out after 200ms")
        #expect(record.stepRun("long")?.status == .cancelled)
        #expect(record.stepRun("long")?.error == "stopped: the run timed out after 200ms")
        #expect(record.stepRun("next")?.status == .skipped)
        #expect(record.stepRun("alert")?.status == .completed)
    }
}
