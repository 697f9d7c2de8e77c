import Foundation
import Testing
@testable import RunnelDaemon

/// The reconcile loop's decisions as a value.
@Suite struct ReconcileStateMachineTests {
    @Test func aTipIsReconciledOnlyWhenItIsNewAndNotRefused() {
        #expect(ReconcileStateMachine.decide(tip: nil, active: "a", refused: nil) == .none)
        #expect(ReconcileStateMachine.decide(tip: "a", active: "a", refused: nil) == .none)
        #expect(ReconcileStateMachine.decide(tip: "b", active: "a", refused: "b") == .none)
        #expect(ReconcileStateMachine.decide(tip: "b", active: "a", refused: "c") == .reconcile("b"))
        #expect(ReconcileStateMachine.decide(tip: "b", active: nil, refused: nil) == .reconcile("b"))
    }

    @Test func aMirrorFetchesOnItsIntervalAndAtOnceWhenAsked() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var machine = ReconcileStateMachine(mirror: true, fetchInterval: 30, pollInterval: 1)
        let answer1 = machine.shouldFetch(now: now)
        #expect(answer1)
        let answer2 = machine.shouldFetch(now: now.addingTimeInterval(10))
        #expect(!answer2)
        machine.requestFetch()
        let answer3 = machine.shouldFetch(now: now.addingTimeInterval(10))
        #expect(answer3, "a push hook's request doesn't wait for the interval")
        let answer4 = machine.shouldFetch(now: now.addingTimeInterval(11))
        #expect(!answer4, "requests while one is pending are one fetch")
        let answer5 = machine.shouldFetch(now: now.addingTimeInterval(40))
        #expect(answer5)
        #expect(machine.nextWake(now: now.addingTimeInterval(40)) == now.addingTimeInterval(41), "the poll comes before the next fetch")
        var local = ReconcileStateMachine(mirror: false, fetchInterval: 30, pollInterval: 1)
        let answer6 = local.shouldFetch(now: now)
        #expect(!answer6)
    }

    @Test func retentionPrunesHourlyAndAgainWhenTheClockWentBack() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var machine = ReconcileStateMachine(mirror: false, fetchInterval: 30, pollInterval: 1)
        let answer7 = machine.shouldPrune(now: now, retains: false)
        #expect(!answer7)
        let answer8 = machine.shouldPrune(now: now, retains: true)
        #expect(answer8)
        let answer9 = machine.shouldPrune(now: now.addingTimeInterval(3599), retains: true)
        #expect(!answer9)
        let answer10 = machine.shouldPrune(now: now.addingTimeInterval(3600), retains: true)
        #expect(answer10)
        let answer11 = machine.shouldPrune(now: now.addingTimeInterval(100), retains: true)
        #expect(answer11, "the clock went back")
    }
}
