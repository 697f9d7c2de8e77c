import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// `Engine.shutdown(grace:)`: running steps may end, nothing new starts, and the next
/// process resumes what was left.
@Suite struct ShutdownTests {
    static let chain = """
        name: Chain
        steps:
          - {id: a, type: script, config: {run: "true"}}
          - {id: b, type: script, depends_on: [a], config: {run: "true"}}
          - {id: pause, type: wait, depends_on: [a], config: {duration: 1h}}
        """

    @Test func aRunningStepEndsWithinTheGraceAndTheRestResumesInTheNextEngine() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        let started = try await harness.engine.start(workflowID: "chain", inputs: [:])
        while await !harness.runner.started.contains("a") { try await Task.sleep(for: .milliseconds(5)) }

        let stopping = Task { await harness.engine.shutdown(grace: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        await harness.runner.release("a")
        let unfinished = await stopping.value
        #expect(unfinished == [started.id])

        let left = try #require(await harness.store.record(started.id))
        #expect(left.status == .running, "left for the next start")
        #expect(left.stepRun("a")?.status == .completed, "the running step was let finish")
        #expect(left.stepRun("b") == nil, "nothing new started while stopping")
        #expect(try await harness.store.events(of: started.id, after: 0).last?.kind == .runInterrupted)

        // The next process picks the run up where it was left.
        let runner = ScriptedRunner()
        let nextStore = try FileRunStore(state: harness.folder.path)
        let next = Engine(store: nextStore,
                          runners: StepRunners([.script: runner, .wait: runner]),
                          secrets: NoSecrets(), workflows: MemoryWorkflowSource([flow]))
        #expect(await next.recover() == [started.id])
        let resumed = try #require(await next.wait(started.id))
        #expect(resumed.status == .completed)
        #expect(resumed.stepRun("b")?.status == .completed)
        #expect(await !runner.started.contains("a"), "a is not run again")
    }

    @Test func stepsStillRunningAtTheDeadlineAreGivenUpNotFailed() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        let started = try await harness.engine.start(workflowID: "chain", inputs: [:])
        while await !harness.runner.started.contains("a") { try await Task.sleep(for: .milliseconds(5)) }

        let clock = ContinuousClock()
        let began = clock.now
        #expect(await harness.engine.shutdown(grace: .milliseconds(200)) == [started.id])
        // The held step never ends by itself: the stop ends only because of the deadline (the
        // bound is loose for a loaded machine).
        #expect(clock.now - began < .seconds(60))
        let left = try #require(await harness.store.record(started.id))
        #expect(left.status == .running)
        #expect(left.stepRun("a")?.status == .running, "its end is not recorded: it runs again on resume")
        #expect(left.stepRun("a")?.error == nil)
    }

    @Test func aWaitingStepDoesNotHoldTheStop() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("pause")
        let started = try await harness.engine.start(workflowID: "chain", inputs: [:])
        while await !harness.runner.started.contains("pause") { try await Task.sleep(for: .milliseconds(5)) }
        let clock = ContinuousClock()
        let began = clock.now
        #expect(await harness.engine.shutdown(grace: .seconds(600)) == [started.id])
        #expect(clock.now - began < .seconds(120), "a wait is given up at once, not after the 10-minute grace")
        let left = try #require(await harness.store.record(started.id))
        #expect(left.stepRun("b")?.status == .completed)
        #expect(left.stepRun("pause")?.status == .running)
    }

    @Test func queuedRunsStayQueuedAndAreReported() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow], maxConcurrentRuns: 1)
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        let first = try await harness.engine.start(workflowID: "chain", inputs: [:])
        let second = try await harness.engine.start(workflowID: "chain", inputs: [:])
        while await !harness.runner.started.contains("a") { try await Task.sleep(for: .milliseconds(5)) }
        let unfinished = await harness.engine.shutdown(grace: .milliseconds(100))
        #expect(unfinished == [first.id, second.id].sorted())
        #expect(await harness.store.record(second.id)?.status == .queued)
    }
}

/// Data that JSON coding can't write (nested deeper than it allows) never leaves a run
/// unrecorded.
@Suite struct UnrecordableDataTests {
    @Test func outputsNestedTooDeepEndTheRunWithoutThem() async throws {
        // YAML nests at most 100 levels, so the depth comes from fromJSON (up to 511 levels)
        // inside a few more levels of YAML: deeper than JSON coding writes.
        let deep = String(repeating: "[", count: 511) + "1" + String(repeating: "]", count: 511)
        let flow = try workflow("name: Deep\nsteps:\n  - {id: a, type: script, config: {run: \"true\"}}\noutputs:\n  x: [[[\"${{ fromJSON('\(deep)') }}\"]]]\n", id: "deep")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        let record = try await harness.run("deep")
        #expect(record.status == .completed)
        #expect(record.error?.contains("could not be recorded") == true, "\(record.error ?? "no error")")
        #expect(await harness.store.record(record.id)?.status == .completed)
    }
}
