import Foundation

/// Where one step attempt writes its log lines: masked, cut to
/// ``StepLogLine/maxLineBytes``, buffered, and handed to the run store in batches by
/// ``flush()`` (a script's output is flushed every ``batchInterval`` while it runs).
/// Lines waiting beyond ``StepLogLine/maxBytesPerStep`` drop the oldest: the store would
/// keep only that tail anyway.
final class StepLog: @unchecked Sendable {
    /// How long lines of a running script wait to be written together.
    static let batchInterval: Duration = .milliseconds(100)

    private let store: any RunStore
    private let runID: String
    private let stepID: String
    private let attempt: Int
    private let masker: SecretMasker
    private let lock = NSLock()
    private var pending: [StepLogLine] = []
    private var pendingBytes = 0
    /// Serialises flushes so that batches reach the store in order.
    private let writer = FlushQueue()

    init(store: any RunStore, runID: String, stepID: String, attempt: Int, masker: SecretMasker) {
        self.store = store
        self.runID = runID
        self.stepID = stepID
        self.attempt = attempt
        self.masker = masker
    }

    /// Adds one line (without its line break); a line longer than ``StepLogLine/maxLineBytes``
    /// becomes several.
    func write(_ stream: StepLogLine.Stream, _ text: String) {
        let now = Date()
        let masked = masker.mask(text)
        var lines: [StepLogLine] = []
        for piece in Self.pieces(masked) {
            lines.append(StepLogLine(stepID: stepID, attempt: attempt, stream: stream, time: now, text: piece))
        }
        lock.lock()
        for line in lines {
            pending.append(line)
            pendingBytes += line.size
        }
        var drop = 0
        while pendingBytes > StepLogLine.maxBytesPerStep, drop < pending.count - 1 {
            pendingBytes -= pending[drop].size
            drop += 1
        }
        if drop > 0 { pending.removeFirst(drop) }
        lock.unlock()
    }

    /// Writes the buffered lines to the store (one batch). A failure to write is not the
    /// step's failure: the lines are dropped.
    func flush() async {
        await writer.run { [self] in
            let lines = take()
            guard !lines.isEmpty else { return }
            await store.appendLogOrLog(lines, to: runID)
        }
    }

    private func take() -> [StepLogLine] {
        lock.lock()
        defer { lock.unlock() }
        let lines = pending
        pending.removeAll()
        pendingBytes = 0
        return lines
    }

    /// `text` cut into pieces of at most ``StepLogLine/maxLineBytes`` UTF-8 bytes, on
    /// character boundaries.
    static func pieces(_ text: String) -> [String] {
        guard text.utf8.count > StepLogLine.maxLineBytes else { return [text] }
        var result: [String] = []
        var current = ""
        var size = 0
        for character in text {
            let length = character.utf8.count
            if size + length > StepLogLine.maxLineBytes, !current.isEmpty {
                result.append(current)
                current = ""
                size = 0
            }
            current.append(character)
            size += length
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

/// Runs async blocks one after the other, in the order they were submitted.
actor FlushQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run(_ body: @Sendable () async -> Void) async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        }
        busy = true
        await body()
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
