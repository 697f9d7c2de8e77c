import Foundation

/// Step logs on disk: `<root>/runs/<workflow-id>/<run-id>.log.jsonl`, one JSON line per log
/// line, beside the event log. A batch is one `write` and no sync (a log line is not a
/// durability point). When a step's lines in the file pass twice
/// ``StepLogLine/maxBytesPerStep``, the file is rewritten with the last
/// ``StepLogLine/maxBytesPerStep`` bytes of that step, so a file stays bounded however much a
/// step prints; readers apply the same bound.
extension FileRunStore {
    @discardableResult
    public func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine] {
        guard !lines.isEmpty else { return [] }
        var state = try await logState(runID)
        var recorded = lines
        var bytes: [UInt8] = []
        for index in recorded.indices {
            state.lastSeq += 1
            recorded[index].seq = state.lastSeq
            bytes += try StepLogFiles.encode(recorded[index])
            state.bytes[recorded[index].stepID, default: 0] += recorded[index].text.utf8.count
        }
        try DurableFile.appendOnce(bytes, to: state.path)
        for (step, count) in state.bytes where count > 2 * StepLogLine.maxBytesPerStep {
            try StepLogFiles.compact(state.path, step: step)
            state.bytes[step] = StepLogFiles.read(state.path).filter { $0.stepID == step }.reduce(0) { $0 + $1.text.utf8.count }
        }
        logFiles.states.insert(state, for: runID)
        return recorded
    }

    public func log(of runID: String, step: String?, tail: Int?) async throws(RunStoreError) -> [StepLogLine] {
        let state = try await logState(runID)
        return StepLogFiles.bounded(StepLogFiles.read(state.path), step: step, tail: tail)
    }

    private func logState(_ runID: String) async throws(RunStoreError) -> StepLogFiles.RunState {
        if let state = logFiles.states[runID] { return state }
        guard let record = await record(runID) else { throw .notFound(runID) }
        let path = root + "/" + record.workflowID + "/" + runID + ".log.jsonl"
        var state = StepLogFiles.RunState(path: path)
        for line in StepLogFiles.read(path) {
            state.lastSeq = max(state.lastSeq, line.seq)
            state.bytes[line.stepID, default: 0] += line.text.utf8.count
        }
        logFiles.states.insert(state, for: runID)
        return state
    }
}

/// What ``FileRunStore`` knows of the step logs of recent runs.
final class StepLogFiles {
    struct RunState {
        var path: String
        var lastSeq = 0
        /// Bytes of text in the file, by step.
        var bytes: [String: Int] = [:]
    }

    var states = RecentRuns<RunState>(capacity: 256)

    func forget(_ runID: String) { states.remove(runID) }

    private static let encoder = RunCoding.encoder(pretty: false)
    private static let decoder = RunCoding.decoder()

    static func encode(_ line: StepLogLine) throws(RunStoreError) -> [UInt8] {
        do { return Array(try encoder.encode(line)) + [UInt8(ascii: "\n")] } catch {
            throw RunStoreError(description: "cannot encode a log line of step \(line.stepID): \(error)")
        }
    }

    /// The lines of a log file in order; a torn or unreadable line (a crash mid-write) is skipped.
    static func read(_ path: String) -> [StepLogLine] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(StepLogLine.self, from: Data($0)) }
    }

    /// `lines` of `step` (all steps: nil), each step cut to its last
    /// ``StepLogLine/maxBytesPerStep`` bytes, then the last `tail` of them.
    static func bounded(_ lines: [StepLogLine], step: String?, tail: Int?) -> [StepLogLine] {
        var kept: [StepLogLine] = []
        var bytes: [String: Int] = [:]
        for line in lines.reversed() where step == nil || line.stepID == step {
            let total = bytes[line.stepID, default: 0] + line.text.utf8.count
            guard total <= StepLogLine.maxBytesPerStep else { continue }
            bytes[line.stepID] = total
            kept.append(line)
            if let tail, kept.count >= tail { break }
        }
        return kept.reversed()
    }

    /// Rewrites a log file keeping only the last ``StepLogLine/maxBytesPerStep`` bytes of `step`.
    static func compact(_ path: String, step: String) throws(RunStoreError) {
        let lines = read(path)
        let keep = Set(bounded(lines, step: step, tail: nil).map(\.seq))
        var bytes: [UInt8] = []
        for line in lines where line.stepID != step || keep.contains(line.seq) { bytes += try encode(line) }
        try DurableFile.atomicWrite(bytes, to: path)
    }
}

extension DurableFile {
    /// Appends `bytes` to `path` (created when missing) with one write, without syncing.
    static func appendOnce(_ bytes: [UInt8], to path: String) throws(RunStoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot open", path, errno: errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }
}
