import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// `Engine.pause`: running steps finish, nothing new starts, the run is `paused` without a
/// slot of the global limit, survives a restart, and resumes or is cancelled with who and why.
@Suite struct PauseTests {
    static let chain = """
        name: Chain
        steps:
          - {id: a, type: script, config: {run: "true"}}
          - {id: b, type: script, depends_on: [a], config: {run: "true"}}
        """

    static func waitForStatus(_ engine: Engine, _ runID: String, _ status: RunStatus) async throws -> RunRecord {
        for _ in 0..<2000 {
            if let record = await engine.record(runID), record.status == status, await !engine.runningRunIDs.contains(runID) { return record }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestFailure(description: "run \(runID) never became \(status.rawValue)")
    }

    @Test func theRunningStepFinishesNoNewStepStartsAndResumeContinues() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow], maxConcurrentRuns: 1)
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        let run = try await harness.engine.start(workflowID: "chain", inputs: [:])
        await harness.runner.waitUntilStarted("a")
        let events = await harness.engine.events(run.id)

        _ = try await harness.engine.pause(run.id, RunStop(by: "ada", reason: "looking at a"))
        await harness.runner.release("a")
        let paused = try await Self.waitForStatus(harness.engine, run.id, .paused)
        #expect(paused.stepRun("a")?.status == .completed, "the running step finished")
        #expect(paused.stepRun("b") == nil, "no new step started")
        #expect(paused.stoppedBy == "ada")
        #expect(paused.error == "looking at a")
        #expect(await harness.engine.runningRunIDs.isEmpty)

        // Its slot of the global limit (1 here) is free: another run runs to its end meanwhile.
        let other = try await harness.engine.start(workflowID: "chain", inputs: [:])
        #expect(await harness.engine.wait(other.id)?.status == .completed)

        // A paused run can't be paused again.
        await #expect(throws: EngineError.self) { try await harness.engine.pause(run.id) }

        _ = try await harness.engine.resume(run.id)
        let final = try #require(await harness.engine.wait(run.id))
        #expect(final.status == .completed)
        #expect(final.stepRun("b")?.status == .completed)
        #expect(final.stoppedBy == nil && final.error == nil)
        #expect(await harness.runner.started.filter { $0 == "a" }.count == 2, "a ran once for each run, not again on resume")

        var kinds: [RunEvent.Kind] = []
        for await event in events { kinds.append(event.kind) }
        let pausedAt = try #require(kinds.firstIndex(of: .runPaused))
        let resumedAt = try #require(kinds.firstIndex(of: .runResumed))
        #expect(pausedAt < resumedAt && kinds.last == .runCompleted, "\(kinds)")
    }

    @Test func aPausedRunStaysPausedAcrossARestartAndResumesInTheNextEngine() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        let run = try await harness.engine.start(workflowID: "chain", inputs: [:])
        await harness.runner.waitUntilStarted("a")
        _ = try await harness.engine.pause(run.id)
        await harness.runner.release("a")
        _ = try await Self.waitForStatus(harness.engine, run.id, .paused)
        #expect(await harness.engine.shutdown(grace: .seconds(5)).isEmpty)

        let runner = ScriptedRunner()
        let next = Engine(store: try FileRunStore(state: harness.folder.path), runners: StepRunners([.script: runner]),
                          secrets: NoSecrets(), workflows: MemoryWorkflowSource([flow]))
        #expect(await next.recover().isEmpty, "a paused run is not picked up by itself")
        try await Task.sleep(for: .milliseconds(50))
        #expect(await next.record(run.id)?.status == .paused)
        #expect(await runner.started.isEmpty)

        _ = try await next.resume(run.id)
        let final = try #require(await next.wait(run.id))
        #expect(final.status == .completed)
        #expect(await runner.started == ["b"])
    }

    @Test func aWaitingStepIsGivenUpAtOnceAndWaitsAgainOnResume() async throws {
        let flow = try workflow("""
            name: Waits
            steps:
              - {id: hold, type: wait, config: {duration: 1h}}
              - {id: after, type: script, depends_on: [hold], config: {run: "true"}}
            """, id: "waits")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("hold")
        let run = try await harness.engine.start(workflowID: "waits", inputs: [:])
        await harness.runner.waitUntilStarted("hold")
        _ = try await harness.engine.pause(run.id)
        let paused = try await Self.waitForStatus(harness.engine, run.id, .paused)
        #expect(paused.stepRun("hold")?.status == .cancelled)
        #expect(paused.error == "Paused by user")

        await harness.runner.release("hold")
        _ = try await harness.engine.resume(run.id)
        let final = try #require(await harness.engine.wait(run.id))
        #expect(final.status == .completed)
        #expect(await harness.runner.started == ["hold", "hold", "after"])
    }

    @Test func cancellingRecordsWhoAndWhyForRunningAndPausedRuns() async throws {
        let flow = try workflow(Self.chain, id: "chain")
        let harness = try EngineTests.Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        let running = try await harness.engine.start(workflowID: "chain", inputs: [:])
        await harness.runner.waitUntilStarted("a")
        #expect(await harness.engine.cancel(running.id))
        let cancelled = try #require(await harness.engine.wait(running.id))
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.error == "Stopped by user")
        #expect(cancelled.stoppedBy == "user")
        #expect(cancelled.outputs == nil)

        let second = try await harness.engine.start(workflowID: "chain", inputs: [:])
        await harness.runner.waitUntilStarted("a", count: 2)
        _ = try await harness.engine.pause(second.id)
        await harness.runner.release("a")
        _ = try await Self.waitForStatus(harness.engine, second.id, .paused)
        #expect(await harness.engine.cancel(second.id, RunStop(by: "grace", reason: "not needed")))
        let stopped = try #require(await harness.engine.wait(second.id))
        #expect(stopped.status == .cancelled)
        #expect(stopped.stoppedBy == "grace")
        #expect(stopped.error == "not needed")
        #expect(await !harness.engine.cancel(second.id), "a finished run can't be cancelled")
    }

    @Test func aHeldMachineStartsNothingAndDoesNotFinishWhileStepsAreLeft() throws {
        let flow = try workflow(Self.chain, id: "chain")
        var machine = RunStateMachine(plan: RunPlan(flow))
        let now = Date()
        #expect(machine.next(now: now) == [.start(stepID: "a", attempt: 1)])
        machine.hold()
        machine.finished("a", .completed)
        #expect(machine.next(now: now).isEmpty, "b does not start and the run does not finish")
        #expect(machine.status(of: "b") == .pending)
    }
}
