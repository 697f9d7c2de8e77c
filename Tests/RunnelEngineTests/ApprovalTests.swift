import Foundation
import RunnelCore
@testable import RunnelEngine
import Testing

/// Who may decide an approval, when it is over, timeouts, input schemas, and waits that
/// survive a restart of the engine.
@Suite struct ApprovalTests {
    typealias Harness = EngineTests.Harness

    static let twoPeople = """
        name: Release
        steps:
          - id: approve
            type: approval
            config: {message: "Release ${{ inputs.version }}?", approvers: [alice, bob, carol], required: 2}
          - {id: ship, type: script, depends_on: [approve], config: {run: "true"}}
        inputs:
          version: {type: string, default: "1.2"}
        """

    static func waitFor(_ engine: Engine, _ runID: String, step: String = "approve") async throws -> ApprovalWait {
        for _ in 0..<2000 {
            if let wait = await engine.waitingApproval(runID: runID, stepID: step) { return wait }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestFailure(description: "step \(step) of \(runID) never waited")
    }

    @Test func twoDistinctApproversAreNeededAndOthersAreRefused() async throws {
        let harness = try Harness([try workflow(Self.twoPeople, id: "release")])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "release", inputs: [:])
        let wait = try await Self.waitFor(harness.engine, run.id)
        #expect(wait.request.message == "Release 1.2?")
        #expect(wait.request.required == 2)
        await #expect(throws: EngineError(.forbidden, "'mallory' is not an approver of step 'approve' (approvers: alice, bob, carol)")) {
            try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "mallory"))
        }
        let after = try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "alice"))
        #expect(after.outcome == nil)
        #expect(after.remaining == 1)
        // The same person twice does not count twice.
        await #expect(throws: EngineError.self) {
            try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "alice"))
        }
        #expect(await harness.store.record(run.id)?.status == .awaitingApproval)
        await harness.runner.hold("ship")
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob", note: "ok"))
        await harness.runner.waitUntilStarted("ship")
        // Decided: the run is running again, in its record and in listings read from disk.
        #expect(await harness.store.record(run.id)?.status == .running)
        let reopened = try FileRunStore(state: harness.folder.path)
        #expect(await reopened.list(RunQuery(status: .running)).runs.map(\.id) == [run.id])
        await harness.runner.release("ship")
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.stepRun("ship")?.status == .completed)
        #expect(record.stepRun("approve")?.output?["decisions"]?.arrayValue?.compactMap { $0["by"]?.stringValue } == ["alice", "bob"])
        let events = try await harness.store.events(of: run.id, after: 0)
        #expect(events.filter { $0.kind == .approvalRecorded }.count == 2)
    }

    @Test func oneRejectionRejectsEvenAfterAnApproval() async throws {
        let harness = try Harness([try workflow(Self.twoPeople, id: "release")])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "release", inputs: [:])
        _ = try await Self.waitFor(harness.engine, run.id)
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "alice"))
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: false, by: "carol", note: "not yet"))
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .failed)
        #expect(record.stepRun("approve")?.error == "rejected by carol: not yet")
        #expect(record.stepRun("ship")?.status == .skipped)
    }

    @Test func whoStartedTheRunCannotApproveIt() async throws {
        let harness = try Harness([try workflow("""
            name: Self
            steps:
              - {id: approve, type: approval}
            """, id: "self")])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "self", inputs: [:],
                                                 trigger: RunTrigger(type: "manual", details: ["started_by": "alice"]))
        let wait = try await Self.waitFor(harness.engine, run.id)
        #expect(wait.startedBy == "alice")
        await #expect(throws: EngineError(.forbidden, "'alice' started run '\(run.id)' and cannot approve it")) {
            try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "alice"))
        }
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob"))
        #expect(try #require(await harness.engine.wait(run.id)).status == .completed)
    }

    @Test func aRunWaitingForAPersonHoldsNoSlotOfTheGlobalLimit() async throws {
        let harness = try EngineTests.Harness([try workflow("name: Gate\nsteps:\n  - {id: approve, type: approval}\n", id: "gate"),
                                               try workflow("name: Work\nsteps:\n  - {id: a, type: script, config: {run: \"true\"}}\n", id: "work")],
                                              maxConcurrentRuns: 1)
        defer { harness.folder.remove() }
        let gate = try await harness.engine.start(workflowID: "gate", inputs: [:])
        _ = try await Self.waitFor(harness.engine, gate.id)
        // The limit is 1 and the gate's run is open, but it waits for a person.
        let work = try await harness.run("work")
        #expect(work.status == .completed)
        try await harness.engine.decide(runID: gate.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob"))
        #expect(try #require(await harness.engine.wait(gate.id)).status == .completed)
    }

    @Test(arguments: [ApprovalTimeoutAction.approve, .reject])
    func aTimeoutDecidesAsOnTimeoutSays(_ action: ApprovalTimeoutAction) async throws {
        let harness = try Harness([try workflow("""
            name: Timed
            steps:
              - {id: approve, type: approval, config: {timeout: 100ms, on_timeout: \(action.rawValue)}}
              - {id: after, type: script, depends_on: [approve], config: {run: "true"}}
            """, id: "timed")])
        defer { harness.folder.remove() }
        let record = try await harness.run("timed")
        #expect(record.status == (action == .approve ? .completed : .failed))
        #expect(record.stepRun("approve")?.output?["timed_out"] == true)
        #expect(record.stepRun("approve")?.output?["by"] == "timeout")
        #expect(record.stepRun("after")?.status == (action == .approve ? .completed : .skipped))
    }

    @Test func anApprovalsInputMustMatchItsSchema() async throws {
        let harness = try Harness([try workflow("""
            name: Input
            steps:
              - id: approve
                type: approval
                config:
                  input_schema:
                    type: object
                    required: [ticket]
                    properties:
                      ticket: {type: string, minLength: 3}
                      count: {type: integer, minimum: 1}
                    additionalProperties: false
            outputs:
              ticket: ${{ steps.approve.output.input.ticket }}
            """, id: "input")])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "input", inputs: [:])
        _ = try await Self.waitFor(harness.engine, run.id)
        do {
            try await harness.engine.decide(runID: run.id, stepID: "approve",
                                            ApprovalDecision(approved: true, by: "bob", input: ["ticket": "x", "count": 0, "extra": true]))
            Issue.record("a bad input was accepted")
        } catch {
            #expect(error.kind == .invalidInput)
            #expect(error.details == ["/count: must be at least 1", "/extra: is not an allowed property", "/ticket: must be at least 3 characters long"])
        }
        #expect(await harness.engine.waitingApproval(runID: run.id, stepID: "approve")?.decisions.isEmpty == true)
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob", input: ["ticket": "OPS-12"]))
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.outputs?["ticket"] == "OPS-12")
    }

    @Test func aWaitSurvivesARestartWithItsDecisionsAndDeadline() async throws {
        let flow = try workflow("""
            name: Durable
            steps:
              - {id: approve, type: approval, config: {approvers: [alice, bob], required: 2, timeout: 1h}}
              - {id: after, type: script, depends_on: [approve], config: {run: "true"}}
            """, id: "durable")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "durable", inputs: [:])
        let first = try await Self.waitFor(harness.engine, run.id)
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "alice", tokenID: "t1"))

        // A second engine over the same folder, as a restarted daemon: the first one is left waiting.
        let store = try FileRunStore(state: harness.folder.path)
        let engine = Engine(store: store, runners: StepRunners([.script: harness.runner]), secrets: NoSecrets(),
                            workflows: MemoryWorkflowSource([flow]))
        #expect(await engine.recover() == [run.id])
        let restored = try await Self.waitFor(engine, run.id)
        #expect(restored.decisions.map(\.by) == ["alice"])
        #expect(restored.usedTokens == ["t1"])
        #expect(abs(restored.since.timeIntervalSince(first.since)) < 0.002)
        #expect(abs((restored.expiresAt ?? .distantPast).timeIntervalSince(first.expiresAt ?? .distantFuture)) < 0.002)
        #expect(await store.record(run.id)?.status == .awaitingApproval)
        await #expect(throws: EngineError(.forbidden, "this link was already used")) {
            try await engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob", tokenID: "t1"))
        }
        try await engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob"))
        let record = try #require(await engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.stepRun("after")?.status == .completed)
    }

    @Test func aGracefulShutdownLeavesTheWaitOpenForTheNextStart() async throws {
        let flow = try workflow("""
            name: Durable
            steps:
              - {id: approve, type: approval, config: {approvers: [alice, bob], required: 2}}
            """, id: "durable")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "durable", inputs: [:])
        _ = try await Self.waitFor(harness.engine, run.id)
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "alice"))
        #expect(await harness.engine.shutdown(grace: .seconds(5)) == [run.id])
        #expect(await harness.engine.waitingApproval(runID: run.id, stepID: "approve") == nil)
        let events = try await harness.store.events(of: run.id, after: 0)
        #expect(!events.contains { $0.kind == .approvalDecided })

        let engine = Engine(store: try FileRunStore(state: harness.folder.path), runners: StepRunners([:]), secrets: NoSecrets(),
                            workflows: MemoryWorkflowSource([flow]))
        #expect(await engine.recover() == [run.id])
        let restored = try await Self.waitFor(engine, run.id)
        #expect(restored.decisions.map(\.by) == ["alice"])
        try await engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: true, by: "bob"))
        #expect(try #require(await engine.wait(run.id)).status == .completed)
    }
}

/// Another kind of wait (an agent's tool call that needs approval) goes through the same
/// engine calls, and is decided like an approval step.
@Suite struct ToolCallWaitTests {
    /// A stand-in for the agent runner: asks the engine to wait before "calling" a tool.
    final class ToolGate: StepRunner, @unchecked Sendable {
        private let lock = NSLock()
        private var engineBox: Engine?
        var engine: Engine? {
            get { lock.withLock { engineBox } }
            set { lock.withLock { engineBox = newValue } }
        }

        func run(_ invocation: StepInvocation) async -> StepOutcome {
            guard let engine else { return .failed("no engine", output: nil) }
            let request = ApprovalRequest(runID: invocation.runID, stepID: invocation.step.id.value + "/call_1", kind: "tool_call",
                                          message: "Call delete_branch?", approvers: ["ops"],
                                          data: ["tool": "delete_branch", "arguments": ["name": "old"], "call_id": "call_1"])
            switch await engine.awaitApproval(request) {
            case .decided(let wait) where wait.outcome == true: return .completed(["called": true])
            case .cancelled: return .failed("cancelled", output: nil)
            default: return .failed("the tool call was not approved", output: nil)
            }
        }
    }

    @Test func aToolCallWaitIsListedAndDecided() async throws {
        let gate = ToolGate()
        let harness = try EngineTests.Harness([try workflow("""
            name: Agent
            steps:
              - {id: think, type: agent_task, config: {goal: tidy up}}
            """, id: "agent")], extra: [.agentTask: gate])
        defer { harness.folder.remove() }
        gate.engine = harness.engine
        let run = try await harness.engine.start(workflowID: "agent", inputs: [:])
        let wait = try await ApprovalTests.waitFor(harness.engine, run.id, step: "think/call_1")
        #expect(wait.request.kind == "tool_call")
        #expect(wait.json["data"]?["tool"] == "delete_branch")
        #expect(await harness.store.record(run.id)?.status == .awaitingApproval)
        await #expect(throws: EngineError.self) {
            try await harness.engine.decide(runID: run.id, stepID: "think/call_1", ApprovalDecision(approved: true, by: "dev"))
        }
        try await harness.engine.decide(runID: run.id, stepID: "think/call_1", ApprovalDecision(approved: true, by: "ops"))
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.stepRun("think")?.output == ["called": true])
    }
}
