import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// The executor's decisions, driven step by step with a fake clock.
@Suite struct RunStateMachineTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func machine(_ yaml: String, record: RunRecord? = nil, fromStep: String? = nil) throws -> RunStateMachine {
        RunStateMachine(plan: RunPlan(try workflow(yaml)), record: record, fromStep: fromStep, random: { 0.5 })
    }

    static let diamond = """
        name: Diamond
        steps:
          - {id: a, type: wait, config: {duration: 1s}}
          - {id: b, type: wait, depends_on: [a], config: {duration: 1s}}
          - {id: c, type: wait, depends_on: [a], config: {duration: 1s}}
          - {id: d, type: wait, depends_on: [b, c], config: {duration: 1s}}
        """

    @Test func runsADiamondInDependencyOrderWithParallelBranches() throws {
        var m = try machine(Self.diamond)
        #expect(m.next(now: t0) == [.start(stepID: "a", attempt: 1)])
        #expect(m.next(now: t0) == [])
        m.finished("a", .completed)
        #expect(m.next(now: t0) == [.start(stepID: "b", attempt: 1), .start(stepID: "c", attempt: 1)])
        m.finished("b", .completed)
        #expect(m.next(now: t0) == [])
        m.finished("c", .completed)
        #expect(m.next(now: t0) == [.start(stepID: "d", attempt: 1)])
        m.finished("d", .completed)
        #expect(m.next(now: t0) == [.finish(.completed, error: nil)])
    }

    @Test func aFailureSkipsWhatDependsOnItAndRunsOnFailure() throws {
        var m = try machine("""
            name: Fails
            steps:
              - {id: a, type: wait, config: {duration: 1s}}
              - {id: b, type: wait, depends_on: [a], config: {duration: 1s}}
              - {id: c, type: wait, config: {duration: 1s}}
            on_failure:
              - {id: alert, type: wait, config: {duration: 1s}}
            """)
        #expect(m.next(now: t0) == [.start(stepID: "a", attempt: 1), .start(stepID: "c", attempt: 1)])
        #expect(m.failed("a", error: "boom", now: t0) == .failed)
        #expect(m.next(now: t0) == [.skip(stepID: "b", reason: "dependency 'a' failed")])
        m.finished("c", .completed)
        #expect(m.next(now: t0) == [.start(stepID: "alert", attempt: 1)])
        m.finished("alert", .completed)
        #expect(m.next(now: t0) == [.finish(.failed, error: "step 'a' failed: boom")])
    }

    @Test func continueOnErrorLetsTheRunComplete() throws {
        var m = try machine("""
            name: Tolerant
            steps:
              - {id: a, type: wait, continue_on_error: true, config: {duration: 1s}}
              - {id: b, type: wait, depends_on: [a], config: {duration: 1s}}
            """)
        _ = m.next(now: t0)
        #expect(m.failed("a", error: "boom", now: t0) == .failed)
        #expect(m.next(now: t0) == [.start(stepID: "b", attempt: 1)])
        m.finished("b", .completed)
        #expect(m.next(now: t0) == [.finish(.completed, error: nil)])
    }

    @Test func retriesWithExponentialBackoffAndJitter() throws {
        var m = try machine("""
            name: Retries
            steps:
              - id: a
                type: wait
                retry: {attempts: 3, backoff: exponential, initial: 2s, max: 5s, jitter: true}
                config: {duration: 1s}
            """)
        #expect(m.next(now: t0) == [.start(stepID: "a", attempt: 1)])
        // 2s, plus 20% × 0.5 jitter = 2.2s
        #expect(m.failed("a", error: "e1", now: t0) == .retry(attempt: 2, at: t0.addingTimeInterval(2.2)))
        #expect(m.next(now: t0) == [.wake(at: t0.addingTimeInterval(2.2))])
        #expect(m.next(now: t0.addingTimeInterval(2.2)) == [.start(stepID: "a", attempt: 2)])
        // 4s + 0.4s
        #expect(m.failed("a", error: "e2", now: t0) == .retry(attempt: 3, at: t0.addingTimeInterval(4.4)))
        #expect(m.next(now: t0.addingTimeInterval(5)) == [.start(stepID: "a", attempt: 3)])
        #expect(m.failed("a", error: "e3", now: t0) == .failed)
        #expect(m.next(now: t0) == [.finish(.failed, error: "step 'a' failed: e3")])
    }

    @Test func constantBackoffIsCappedByMax() {
        let policy = RetryPolicy(attempts: 5, backoff: .constant, initial: .seconds(3), max: .seconds(2), jitter: false)
        #expect(RunStateMachine.backoff(policy, afterAttempt: 4, random: 0.9) == 2)
        let exponential = RetryPolicy(attempts: 9, backoff: .exponential, initial: .seconds(1), max: .seconds(60), jitter: false)
        #expect(RunStateMachine.backoff(exponential, afterAttempt: 1, random: 0) == 1)
        #expect(RunStateMachine.backoff(exponential, afterAttempt: 4, random: 0) == 8)
        #expect(RunStateMachine.backoff(exponential, afterAttempt: 9, random: 0) == 60)
    }

    static let branching = """
        name: Branching
        steps:
          - id: check
            type: condition
            config: {condition: "true", then: [yes], else: [no]}
          - {id: yes, type: wait, config: {duration: 1s}}
          - {id: no, type: wait, config: {duration: 1s}}
          - {id: after_no, type: wait, depends_on: [no], config: {duration: 1s}}
          - {id: join, type: wait, depends_on: [yes, no], config: {duration: 1s}}
        """

    @Test func aConditionSkipsTheBranchNotTakenAndWhatOnlyItLeadsTo() throws {
        var m = try machine(Self.branching)
        #expect(m.next(now: t0) == [.start(stepID: "check", attempt: 1)])
        m.tookBranch("check", then: true)
        m.finished("check", .completed)
        #expect(m.next(now: t0) == [
            .start(stepID: "yes", attempt: 1), .skip(stepID: "no", reason: "branch not taken by 'check'"),
            .skip(stepID: "after_no", reason: "all of its dependencies were skipped"),
        ])
        m.finished("yes", .completed)
        #expect(m.next(now: t0) == [.start(stepID: "join", attempt: 1)])
    }

    @Test func aStatusFunctionRunsAStepAfterAFailure() throws {
        var m = try machine("""
            name: Cleanup
            steps:
              - {id: a, type: wait, config: {duration: 1s}}
              - {id: cleanup, type: wait, depends_on: [a], if: always(), config: {duration: 1s}}
              - {id: normal, type: wait, depends_on: [a], config: {duration: 1s}}
            """)
        _ = m.next(now: t0)
        _ = m.failed("a", error: "boom", now: t0)
        #expect(m.next(now: t0) == [.start(stepID: "cleanup", attempt: 1), .skip(stepID: "normal", reason: "dependency 'a' failed")])
    }

    @Test func cancellingSkipsPendingStepsAndSkipsOnFailure() throws {
        var m = try machine("""
            name: Cancel
            steps:
              - {id: a, type: wait, config: {duration: 1s}}
              - {id: b, type: wait, depends_on: [a], config: {duration: 1s}}
            on_failure:
              - {id: alert, type: wait, config: {duration: 1s}}
            """)
        _ = m.next(now: t0)
        m.cancel()
        #expect(m.next(now: t0) == [.skip(stepID: "b", reason: "the run was cancelled")])
        m.finished("a", .cancelled)
        #expect(m.next(now: t0) == [.finish(.cancelled, error: "the run was cancelled")])
    }

    @Test func aRunTimeoutStillRunsOnFailure() throws {
        var m = try machine("""
            name: Timeout
            steps:
              - {id: a, type: wait, config: {duration: 1s}}
              - {id: b, type: wait, depends_on: [a], config: {duration: 1s}}
            on_failure:
              - {id: alert, type: wait, config: {duration: 1s}}
            """)
        _ = m.next(now: t0)
        m.abort("the run timed out after 1m")
        #expect(m.next(now: t0) == [.skip(stepID: "b", reason: "the run timed out after 1m")])
        #expect(m.failed("a", error: "cancelled", now: t0) == .failed)
        #expect(m.next(now: t0) == [.start(stepID: "alert", attempt: 1)])
        m.finished("alert", .completed)
        #expect(m.next(now: t0) == [.finish(.failed, error: "the run timed out after 1m")])
    }

    func record(_ steps: [(String, StepStatus, Int)]) -> RunRecord {
        var record = RunRecord(id: "r", workflowID: "test", trigger: .manual, inputs: [:], createdAt: t0)
        record.stepRuns = steps.map { StepRun(stepID: $0.0, status: $0.1, attempt: $0.2, output: ["n": 1]) }
        return record
    }

    @Test func recoveryKeepsCompletedStepsAndRerunsMidFlightOnesWithTheirAttemptCounted() throws {
        var m = try machine(Self.diamond, record: record([("a", .completed, 1), ("b", .running, 1), ("c", .completed, 2)]))
        #expect(m.next(now: t0) == [.start(stepID: "b", attempt: 2)])
        m.finished("b", .completed)
        #expect(m.next(now: t0) == [.start(stepID: "d", attempt: 1)])
    }

    @Test func resumingFromAStepRerunsItAndEverythingDownstream() throws {
        var m = try machine(Self.diamond, record: record([("a", .completed, 1), ("b", .completed, 1), ("c", .completed, 1), ("d", .failed, 1)]),
                            fromStep: "b")
        #expect(m.next(now: t0) == [.start(stepID: "b", attempt: 2)])
        m.finished("b", .completed)
        #expect(m.next(now: t0) == [.start(stepID: "d", attempt: 2)])
    }
}
