import RunnelCore

extension MemoryRunStore {
    @discardableResult
    public func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine] {
        guard hasRun(runID) else { throw .notFound(runID) }
        var recorded = lines
        var kept = stepLogs[runID] ?? []
        for index in recorded.indices {
            recorded[index].seq = (kept.last?.seq ?? 0) + 1
            kept.append(recorded[index])
        }
        // The same bound as the file store: each step's newest lines within its byte budget.
        stepLogs[runID] = StepLogFiles.bounded(kept, step: nil, tail: nil)
        return recorded
    }

    public func log(of runID: String, step: String?, tail: Int?) async throws(RunStoreError) -> [StepLogLine] {
        guard hasRun(runID) else { throw .notFound(runID) }
        return StepLogFiles.bounded(stepLogs[runID] ?? [], step: step, tail: tail)
    }
}
