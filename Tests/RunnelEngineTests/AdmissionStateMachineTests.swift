import RunnelCore
import RunnelEngine
import Testing

/// The admission decision under a workflow's concurrency policy, as a value.
@Suite struct AdmissionStateMachineTests {
    @Test func rejectCountsTheAdmittedRunAtOnce() {
        var machine = AdmissionStateMachine()
        let policy = ConcurrencyPolicy(limit: 1, onConflict: .reject)
        #expect(machine.admit("r1", workflowID: "w", policy: policy) == .admit)
        // No await between decisions: the second start sees the first one's place.
        #expect(machine.admit("r2", workflowID: "w", policy: policy) == .reject(current: 1, limit: 1))
        #expect(machine.admit("x1", workflowID: "other", policy: policy) == .admit)
        machine.release("r1", workflowID: "w")
        #expect(machine.admit("r3", workflowID: "w", policy: policy) == .admit)
        #expect(machine.count("w") == 1)
    }

    @Test func cancelRunningNamesTheOlderRunsAndQueueAdmits() {
        var machine = AdmissionStateMachine()
        let cancel = ConcurrencyPolicy(limit: 2, onConflict: .cancelRunning)
        _ = machine.admit("a", workflowID: "w", policy: cancel)
        _ = machine.admit("b", workflowID: "w", policy: cancel)
        #expect(machine.admit("c", workflowID: "w", policy: cancel) == .admitCancelling(["a", "b"]))
        let queue = ConcurrencyPolicy(limit: 1, onConflict: .queue)
        #expect(machine.admit("q1", workflowID: "q", policy: queue) == .admit)
        #expect(machine.admit("q2", workflowID: "q", policy: queue) == .admit)
        #expect(machine.count("q") == 2)
        machine.hold("q1", workflowID: "q")
        #expect(machine.count("q") == 2)
    }
}
