import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// The engine end to end with scripted runners and a real file store.
@Suite struct EngineTests {
    struct Harness {
        let folder: TemporaryFolder
        let store: FileRunStore
        let runner: ScriptedRunner
        let engine: Engine

        init(_ workflows: [Workflow], maxConcurrentRuns: Int = 10, secrets: any SecretStore = NoSecrets(),
             extra: [StepType: any StepRunner] = [:]) throws {
            folder = try TemporaryFolder()
            store = try FileRunStore(state: folder.path)
            runner = ScriptedRunner()
            var runners: [StepType: any StepRunner] = [.script: runner, .httpRequest: runner, .webhook: runner, .wait: runner]
            for (type, custom) in extra { runners[type] = custom }
            engine = Engine(store: store, runners: StepRunners(runners), secrets: secrets,
                            workflows: MemoryWorkflowSource(workflows),
                            configuration: .init(maxConcurrentRuns: maxConcurrentRuns))
        }

        func run(_ id: String, _ inputs: [String: JSONValue] = [:]) async throws -> RunRecord {
            let started = try await engine.start(workflowID: id, inputs: inputs)
            return try #require(await engine.wait(started.id))
        }
    }

    @Test func runsAWorkflowAndEvaluatesOutputsWithStepResults() async throws {
        let flow = try workflow("""
            name: Outputs
            inputs:
              who: {type: string, default: world}
            steps:
              - {id: a, type: script, config: {run: "true"}}
              - {id: b, type: script, depends_on: [a], config: {run: "true"}}
            outputs:
              greeting: "hello ${{ inputs.who }} from ${{ steps.b.output.step }}"
              attempt: ${{ steps.a.output.attempt }}
            """, id: "outputs")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        let record = try await harness.run("outputs")
        #expect(record.status == .completed)
        #expect(record.outputs == ["greeting": "hello world from b", "attempt": 1])
        #expect(record.stepRuns.map(\.stepID) == ["a", "b"])
        #expect(record.inputs == ["who": "world"])
        #expect(FileManager.default.fileExists(atPath: harness.folder.path + "/runs/outputs/\(record.id).json"))
    }

    @Test func refusesInputsThatDontMatchBeforeTheRunStarts() async throws {
        let flow = try workflow("""
            name: Typed
            inputs:
              limit: {type: integer, required: true}
            steps:
              - {id: a, type: script, config: {run: "true"}}
            """, id: "typed")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        await #expect(throws: EngineError(.invalidInput, "invalid inputs for 'typed': input 'limit' must be an integer, not string \"ten\"")) {
            _ = try await harness.engine.start(workflowID: "typed", inputs: ["limit": "ten"])
        }
        await #expect(throws: EngineError(.invalidInput, "invalid inputs for 'typed': input 'limit' is required")) {
            _ = try await harness.engine.start(workflowID: "typed", inputs: [:])
        }
        #expect(await harness.store.list(RunQuery()).total == 0)
    }

    @Test func retriesAFailingStepThenSucceeds() async throws {
        let flow = try workflow("""
            name: Flaky
            steps:
              - id: a
                type: script
                retry: {attempts: 3, initial: 10ms, max: 20ms}
                config: {run: "true"}
            """, id: "flaky")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.script("a", [.failed("503", output: nil), .failed("503", output: nil), .completed("ok")])
        let record = try await harness.run("flaky")
        #expect(record.status == .completed)
        #expect(record.stepRun("a")?.attempt == 3)
        let kinds = try await harness.store.events(of: record.id, after: 0).map(\.kind)
        #expect(kinds == [.runCreated, .runStarted, .stepStarted, .stepRetrying, .stepStarted, .stepRetrying, .stepStarted,
                          .stepCompleted, .runCompleted])
    }

    @Test func aStepTimeoutFailsTheStep() async throws {
        let flow = try workflow("""
            name: Slow
            steps:
              - {id: slow, type: wait, timeout: 50ms, config: {duration: 1h}}
            """, id: "slow")
        let harness = try Harness([flow], extra: [.wait: SleepingRunner()])
        defer { harness.folder.remove() }
        let record = try await harness.run("slow")
        #expect(record.status == .failed)
        #expect(record.stepRun("slow")?.error == "timed out after 50ms")
        #expect(record.error == "step 'slow' failed: timed out after 50ms")
    }

    @Test func theGlobalLimitQueuesRunsFirstInFirstOut() async throws {
        let flow = try workflow("name: Held\nsteps:\n  - {id: a, type: script, config: {run: \"true\"}}\n", id: "held")
        let harness = try Harness([flow], maxConcurrentRuns: 2)
        defer { harness.folder.remove() }
        await harness.runner.hold("a")
        var ids: [String] = []
        for _ in 0..<4 { ids.append(try await harness.engine.start(workflowID: "held", inputs: [:]).id) }
        await harness.runner.waitUntilStarted("a", count: 2)
        #expect(await harness.engine.queuedRunIDs == Array(ids.suffix(2)))
        #expect(await harness.store.record(ids[3])?.status == .queued)
        await harness.runner.release("a")
        for id in ids { #expect(await harness.engine.wait(id)?.status == .completed) }
        #expect(await harness.runner.maxConcurrent == 2)
    }

    @Test func concurrencyPolicies() async throws {
        let reject = try workflow("name: R\nconcurrency: {limit: 1, on_conflict: reject}\nsteps:\n  - {id: a, type: script, config: {run: x}}\n", id: "reject")
        let cancel = try workflow("name: C\nconcurrency: {limit: 1, on_conflict: cancel_running}\nsteps:\n  - {id: a, type: script, config: {run: x}}\n", id: "cancel")
        let queue = try workflow("name: Q\nconcurrency: {limit: 1, on_conflict: queue}\nsteps:\n  - {id: a, type: script, config: {run: x}}\n", id: "queue")
        let harness = try Harness([reject, cancel, queue])
        defer { harness.folder.remove() }
        await harness.runner.hold("a")

        let first = try await harness.engine.start(workflowID: "reject", inputs: [:])
        await #expect(throws: EngineError.self) { _ = try await harness.engine.start(workflowID: "reject", inputs: [:]) }

        let old = try await harness.engine.start(workflowID: "cancel", inputs: [:])
        await harness.runner.waitUntilStarted("a", count: 2)
        let new = try await harness.engine.start(workflowID: "cancel", inputs: [:])
        #expect(await harness.engine.wait(old.id)?.status == .cancelled)

        let q1 = try await harness.engine.start(workflowID: "queue", inputs: [:])
        let q2 = try await harness.engine.start(workflowID: "queue", inputs: [:])
        await harness.runner.waitUntilStarted("a", count: 4)
        #expect(await harness.engine.queuedRunIDs == [q2.id])
        await harness.runner.release("a")
        for id in [first.id, new.id, q1.id, q2.id] { #expect(await harness.engine.wait(id)?.status == .completed) }
    }

    @Test func cancellingARunStopsItsStepsAndRecordsIt() async throws {
        let flow = try workflow("""
            name: Long
            steps:
              - {id: a, type: wait, config: {duration: 1h}}
              - {id: b, type: script, depends_on: [a], config: {run: "true"}}
            """, id: "long")
        let harness = try Harness([flow], extra: [.wait: SleepingRunner()])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "long", inputs: [:])
        while await harness.store.record(run.id)?.stepRun("a")?.status != .running { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await harness.engine.cancel(run.id))
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .cancelled)
        #expect(record.stepRun("a")?.status == .cancelled)
        #expect(record.stepRun("b")?.status == .skipped)
    }

    static let approval = """
        name: Deploy
        steps:
          - id: approve
            type: approval
            config: {message: Ship it?, then: [deploy], else: [notify]}
          - {id: deploy, type: script, config: {run: "true"}}
          - {id: notify, type: script, config: {run: "true"}}
        """

    @Test func anApprovalPausesTheRunUntilSomeoneDecides() async throws {
        let harness = try Harness([try workflow(Self.approval, id: "deploy")])
        defer { harness.folder.remove() }
        let run = try await harness.engine.start(workflowID: "deploy", inputs: [:])
        while await harness.engine.pendingApprovals.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await harness.store.record(run.id)?.status == .awaitingApproval)
        await #expect(throws: EngineError.self) { try await harness.engine.decide(runID: run.id, stepID: "deploy", .init(approved: true, by: "x")) }
        try await harness.engine.decide(runID: run.id, stepID: "approve", ApprovalDecision(approved: false, by: "alice", note: "not today"))
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.stepRun("approve")?.output?["approved"] == false)
        #expect(record.stepRun("approve")?.output?["by"] == "alice")
        #expect(record.stepRun("approve")?.output?["note"] == "not today")
        #expect(record.stepRun("approve")?.output?["decisions"]?.arrayValue?.count == 1)
        #expect(record.stepRun("deploy")?.status == .skipped)
        #expect(record.stepRun("notify")?.status == .completed)
    }

    @Test func aRejectionWithoutElseFailsTheRun() async throws {
        let flow = try workflow("""
            name: Gate
            steps:
              - {id: approve, type: approval, config: {timeout: 50ms, on_timeout: reject}}
              - {id: deploy, type: script, depends_on: [approve], config: {run: "true"}}
            """, id: "gate")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        let record = try await harness.run("gate")
        #expect(record.status == .failed)
        #expect(record.stepRun("approve")?.error == "rejected by timeout: no decision within 50ms")
    }

    @Test func resumesAFailedRunFromAStepKeepingEarlierOutputs() async throws {
        let flow = try workflow("""
            name: Resume
            steps:
              - {id: a, type: script, config: {run: "true"}}
              - {id: b, type: script, depends_on: [a], config: {run: "true"}}
            outputs:
              b: ${{ steps.b.output }}
            """, id: "resume")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.script("b", [.failed("broken", output: nil), .completed("fixed")])
        let failed = try await harness.run("resume")
        #expect(failed.status == .failed)
        _ = try await harness.engine.resume(failed.id)
        let resumed = try #require(await harness.engine.wait(failed.id))
        #expect(resumed.status == .completed)
        #expect(resumed.outputs == ["b": "fixed"])
        #expect(await harness.runner.started == ["a", "b", "b"], "a kept its output and did not run again")
        #expect(resumed.stepRun("b")?.attempt == 2)
    }

    @Test func loopsRunTheNestedStepPerItemWithMaxParallel() async throws {
        let flow = try workflow("""
            name: Loop
            steps:
              - id: each
                type: loop
                config:
                  items: [1, 2, 3, 4, 5]
                  max_parallel: 2
                  step: {id: one, type: script, config: {run: "true"}}
            outputs:
              count: ${{ steps.each.output.*.step }}
            """, id: "loop")
        let harness = try Harness([flow])
        defer { harness.folder.remove() }
        await harness.runner.hold("one")
        let run = try await harness.engine.start(workflowID: "loop", inputs: [:])
        await harness.runner.waitUntilStarted("one", count: 2)
        try await Task.sleep(for: .milliseconds(50))
        #expect(await harness.runner.started.count == 2, "max_parallel: 2 holds the third item back")
        await harness.runner.release("one")
        let record = try #require(await harness.engine.wait(run.id))
        #expect(record.status == .completed)
        #expect(record.outputs?["count"] == ["one", "one", "one", "one", "one"])
        #expect(await harness.runner.maxConcurrent == 2)
    }

    @Test func aWorkflowStepRunsAChildAndWaits() async throws {
        let child = try workflow("""
            name: Child
            inputs:
              n: {type: integer, required: true}
            steps:
              - {id: work, type: script, config: {run: "true"}}
            outputs:
              echoed: ${{ inputs.n }}
            """, id: "child")
        let parent = try workflow("""
            name: Parent
            steps:
              - {id: call, type: workflow, config: {workflow: child, inputs: {n: 21}}}
            outputs:
              answer: ${{ steps.call.output.outputs.echoed }}
            """, id: "parent")
        let harness = try Harness([child, parent])
        defer { harness.folder.remove() }
        let record = try await harness.run("parent")
        #expect(record.status == .completed, "\(record.error ?? "")")
        #expect(record.outputs == ["answer": 21])
        let children = await harness.store.list(RunQuery(workflowID: "child"))
        #expect(children.total == 1)
        #expect(children.runs.first?.trigger == "workflow")
    }

    @Test func secretsAreMaskedInOutputsAndErrors() async throws {
        let flow = try workflow("""
            name: Secret
            steps:
              - {id: a, type: script, config: {run: "true"}}
            outputs:
              leaked: "token=${{ secrets.API_TOKEN }}"
            """, id: "secret")
        let harness = try Harness([flow], secrets: DictionarySecrets(values: ["API_TOKEN": "s3cr3t-v4lue"]))
        defer { harness.folder.remove() }
        await harness.runner.script("a", [.completed(["echo": "the token is s3cr3t-v4lue"])])
        let record = try await harness.run("secret")
        #expect(record.outputs == ["leaked": "token=***"])
        #expect(record.stepRun("a")?.output == ["echo": "the token is ***"])
        let text = try String(contentsOfFile: harness.folder.path + "/runs/secret/\(record.id).json", encoding: .utf8)
        #expect(!text.contains("s3cr3t-v4lue"))
        let log = try String(contentsOfFile: harness.folder.path + "/runs/secret/\(record.id).events.jsonl", encoding: .utf8)
        #expect(!log.contains("s3cr3t-v4lue"))
    }

    @Test func recoversARunLeftRunningByAnotherProcess() async throws {
        let flow = try workflow("""
            name: Recover
            steps:
              - {id: a, type: script, config: {run: "true"}}
              - {id: b, type: script, depends_on: [a], config: {run: "true"}}
            """, id: "recover")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let runID: String
        do {
            // What a killed process leaves: `a` completed, `b` started.
            let store = try FileRunStore(state: folder.path)
            let record = try await store.create(RunRecord(id: RunID.make(), workflowID: "recover", trigger: .manual, inputs: [:], createdAt: Date()))
            runID = record.id
            try await store.append(RunEvent(.runStarted, time: Date()), to: runID)
            try await store.append(RunEvent(.stepStarted, time: Date(), stepID: "a", attempt: 1), to: runID)
            try await store.append(RunEvent(.stepCompleted, time: Date(), stepID: "a", attempt: 1, data: "from before"), to: runID)
            try await store.append(RunEvent(.stepStarted, time: Date(), stepID: "b", attempt: 1), to: runID)
        }
        let store = try FileRunStore(state: folder.path)
        let runner = ScriptedRunner()
        let engine = Engine(store: store, runners: StepRunners([.script: runner]), secrets: NoSecrets(),
                            workflows: MemoryWorkflowSource([flow]))
        #expect(await engine.recover() == [runID])
        let record = try #require(await engine.wait(runID))
        #expect(record.status == .completed)
        #expect(record.stepRun("a")?.output == "from before")
        #expect(record.stepRun("b")?.attempt == 2)
        #expect(await runner.started == ["b"])
    }
}
