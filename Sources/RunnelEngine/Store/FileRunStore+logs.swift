import Foundation

/// Step logs on disk: `<root>/runs/<workflow-id>/<run-id>.log.jsonl`, one JSON line per log
/// line, beside the event log. A batch is one `write` and no sync (a log line is not a
/// durability point). When a batch would take a step's lines in the file past twice
/// ``StepLogLine/maxBytesPerStep``, the file is rewritten with each step's kept tail, so a
/// file stays bounded however much a step prints; readers apply the same bound.
extension FileRunStore {
    @discardableResult
    public func appendLog(_ lines: [StepLogLine], to runID: String) async throws(RunStoreError) -> [StepLogLine] {
        guard !lines.isEmpty else { return [] }
        var state = try await logState(runID)
        var recorded = lines
        var bytes: [UInt8] = []
        var sizes = state.sizes
        for index in recorded.indices {
            state.lastSeq += 1
            recorded[index].seq = state.lastSeq
            bytes += try StepLogFiles.encode(recorded[index])
            sizes[recorded[index].stepID, default: 0] += recorded[index].size
        }
        if sizes.values.contains(where: { $0 > 2 * StepLogLine.maxBytesPerStep }) {
            // Rewritten with each step's tail: the file never holds more than twice the bound.
            let kept = StepLogFiles.bounded(StepLogFiles.read(state.path) + recorded, step: nil, tail: nil)
            var text: [UInt8] = []
            for line in kept { text += try StepLogFiles.encode(line) }
            try DurableFile.atomicWrite(text, to: state.path)
            state.sizes = StepLogFiles.sizes(kept)
        } else {
            try DurableFile.appendOnce(bytes, to: state.path)
            state.sizes = sizes
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
        let lines = StepLogFiles.read(path)
        let state = StepLogFiles.RunState(path: path, lastSeq: lines.map(\.seq).max() ?? 0, sizes: StepLogFiles.sizes(lines))
        logFiles.states.insert(state, for: runID)
        return state
    }
}

/// What ``FileRunStore`` knows of the step logs of recent runs.
final class StepLogFiles {
    struct RunState {
        var path: String
        var lastSeq = 0
        /// The ``StepLogLine/size``s of the lines in the file, by step.
        var sizes: [String: Int] = [:]
    }

    var states = RecentRuns<RunState>(capacity: 256)

    func forget(_ runID: String) { states.remove(runID) }

    private static let encoder = RunCoding.encoder(pretty: false)
    private static let decoder = RunCoding.decoder()

    static func encode(_ line: StepLogLine) throws(RunStoreError) -> [UInt8] {
        do { return Array(try encoder.encode(line)) + [UInt8(ascii: "\n")] } catch {
            throw RunStoreError(code: .corrupt, description: "cannot encode a log line of step \(line.stepID): \(error)", underlying: error)
        }
    }

    /// The lines of a log file in order; a torn or unreadable line (a crash mid-write) is skipped.
    static func read(_ path: String) -> [StepLogLine] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(StepLogLine.self, from: Data($0)) }
    }

    static func bounded(_ lines: [StepLogLine], step: String?, tail: Int?) -> [StepLogLine] {
        StepLogLine.bounded(lines, step: step, tail: tail)
    }

    /// The ``StepLogLine/size``s of `lines`, by step.
    static func sizes(_ lines: [StepLogLine]) -> [String: Int] {
        lines.reduce(into: [:]) { $0[$1.stepID, default: 0] += $1.size }
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
