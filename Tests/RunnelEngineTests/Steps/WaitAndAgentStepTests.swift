import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// `wait` steps (a duration, polling until an expression holds) and `agent_task` without a provider.
@Suite struct WaitAndAgentStepTests {
    @Test func waitsForADuration() async throws {
        let started = Date()
        let record = try await RealRunnerHarness.run("""
            name: Pause
            steps:
              - {id: pause, type: wait, config: {duration: 200ms}}
            """)
        #expect(record.status == .completed)
        #expect(Date().timeIntervalSince(started) >= 0.2)
        #expect(try record.output("pause") == ["waited_seconds": 0.2])
    }

    @Test func pollsTheCheckUntilTheExpressionHolds() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Poll
            steps:
              - id: ready
                type: wait
                timeout: 10s
                config:
                  check: {url: "\(server.base)/count/job"}
                  until: poll.output.body.count >= 3
                  poll_interval: 10ms
            """)
        #expect(record.status == .completed)
        let output = try record.output("ready")
        #expect(output["polls"] == 3)
        #expect(output["output"]?["body"] == ["count": 3])
    }

    @Test func pollingStopsAtTheStepTimeout() async throws {
        let server = try await TestHTTPServer.start()
        defer { server.stop() }
        let record = try await RealRunnerHarness.run("""
            name: Never
            steps:
              - id: ready
                type: wait
                timeout: 300ms
                config:
                  check: {url: "\(server.base)/json"}
                  until: poll.output.body.ok == false
                  poll_interval: 20ms
            """)
        #expect(record.status == .failed)
        #expect(record.stepRun("ready")?.error == "timed out after 300ms")
    }

    @Test func anAgentTaskWithoutAProviderFailsClearly() async throws {
        let record = try await RealRunnerHarness.run("""
            name: Agent
            steps:
              - {id: think, type: agent_task, config: {goal: "Summarise"}}
            """)
        #expect(record.status == .failed)
        let error = try #require(record.stepRun("think")?.error)
        #expect(error.hasPrefix("no model provider configured"))
        #expect(record.stepRun("think")?.output == nil)
    }

    @Test func cancellingARunKillsItsScript() async throws {
        let harness = try RealRunnerHarness([try workflow("""
            name: Long
            steps:
              - {id: long, type: script, config: {run: "echo started; sleep 300"}}
            """, id: "long")])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "long", inputs: [:])
        while await harness.store.record(run.id)?.stepRun("long")?.status != .running {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(100))
        let started = Date()
        #expect(await harness.engine.cancel(run.id))
        let final = try #require(await harness.engine.wait(run.id))
        #expect(final.status == .cancelled)
        #expect(final.stepRun("long")?.status == .cancelled)
        #expect(Date().timeIntervalSince(started) < 60, "cancelling stopped a 300 s script")
    }
}
