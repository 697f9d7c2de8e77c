import Foundation
import RunnelCore
import RunnelEngine
#if canImport(Glibc)
import Glibc
#endif

/// The run store at scale (`runnel-bench store`): for 100,000 and 1,000,000 finished runs
/// written straight into a store's layout (not through the engine), the index's rebuild from
/// the files, opening the store over its index, the three listings the dashboard opens with,
/// appending runs, and pruning. Each figure is printed beside its target.
///
/// The records live in a temporary folder and are deleted afterwards.
enum StoreBenchmark {
    static func run(sizes: [Int] = [100_000, 1_000_000]) async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-store-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for size in sizes {
            do {
                try await measure(size: size, state: root + "/state-\(size)")
            } catch {
                print("store: benchmark at \(CronBenchmark.format(Double(size))) stopped: \(error)")
            }
            try? FileManager.default.removeItem(atPath: root + "/state-\(size)")
        }
    }

    static func measure(size: Int, state: String) async throws {
        let label = CronBenchmark.format(Double(size))
        // 100 days of runs, whatever their number.
        let spacing = 100 * 86_400 / Double(size)
        var began = ContinuousClock.now
        try generate(count: size, spacing: spacing, state: state)
        print(String(format: "store: generated %@ run records (%d workflows) in %.1f s", label, EngineBenchmark.workflowCount,
                     seconds(since: began)))

        // The first open finds no index: it reads every record once and writes the index.
        began = ContinuousClock.now
        var store: FileRunStore? = try FileRunStore(state: state)
        let rebuild = seconds(since: began)
        let problems = await store?.problems ?? []
        let unexpected = problems.filter { !$0.contains("was missing; rebuilt from the files") }
        print(String(format: "store: index rebuilt from %@ records in %.2f s (once, when the index is missing or damaged; no target)", label, rebuild)
              + (unexpected.isEmpty ? "" : " (\(unexpected.count) problems, first: \(unexpected[0]))"))
        store = nil

        // Opening over the index: the figure the targets are about.
        var opens: [Double] = []
        for _ in 0..<3 {
            began = ContinuousClock.now
            store = try FileRunStore(state: state)
            opens.append(seconds(since: began))
            store = nil
        }
        let target = size >= 1_000_000 ? 1.0 : 0.5
        print(String(format: "store: opening the store over %@ records: %.3f s median of 3 (target ≤ %.1f s)", label,
                     EngineBenchmark.percentile(opens, 0.5), target))
        let opened = try FileRunStore(state: state)
        let total = await opened.list(RunQuery(limit: 1)).total
        guard total == size else { throw BenchFailure("the store lists \(total) runs, not \(size)") }

        let day = Date(timeIntervalSince1970: EngineBenchmark.firstRun + 50 * 86_400)
        let targeted: [(String, RunQuery)] = [
            ("newest 50", RunQuery(limit: 50)),
            ("status=failed, 50", RunQuery(status: .failed, limit: 50)),
            ("one day, 100", RunQuery(since: day, until: day.addingTimeInterval(86_400), limit: 100)),
        ]
        let others: [(String, RunQuery)] = [
            ("workflow wf-07, 50", RunQuery(workflowID: "wf-07", limit: 50)),
            ("wf-10 completed, offset 1,000, 100", RunQuery(workflowID: "wf-10", status: .completed, limit: 100, offset: 1_000)),
            ("all, offset 50,000, 100", RunQuery(limit: 100, offset: 50_000)),
            ("trigger=webhook, one day, 50", RunQuery(trigger: "webhook", since: day, until: day.addingTimeInterval(86_400), limit: 50)),
        ]
        print("store: run-list queries over \(label) records, median of 21 (target ≤ 5 ms): "
              + (await timings(targeted, store: opened)).joined(separator: "; "))
        var cursorQuery = RunQuery(status: .failed, limit: 50)
        cursorQuery.before = await opened.list(RunQuery(limit: 1, offset: size / 2)).runs.first?.id
        print("store: more queries over \(label) records, median of 21 (no target): "
              + (await timings(others + [("status=failed after a cursor half-way, 50", cursorQuery)], store: opened)).joined(separator: "; "))

        try await appends(store: opened, label: label)

        // Pruning the oldest tenth (by age), and
        // opening again afterwards.
        let now = Date(timeIntervalSince1970: EngineBenchmark.firstRun + 100 * 86_400)
        began = ContinuousClock.now
        let pruned = try await opened.prune(RetentionPolicy(maxAge: .seconds(90 * 86_400)), now: now)
        let pruneSeconds = seconds(since: began)
        print(String(format: "store: pruning %@ of %@ runs (retention runs: 90d; records, logs and index): %.2f s (no target)",
                     CronBenchmark.format(Double(pruned.count)), label, pruneSeconds))
        began = ContinuousClock.now
        let reopened = try FileRunStore(state: state)
        let reopen = seconds(since: began)
        let left = await reopened.list(RunQuery(limit: 1)).total
        print(String(format: "store: opening again after the prune (%@ runs): %.3f s (target ≤ %.1f s)", CronBenchmark.format(Double(left)), reopen, target))
    }

    /// Median times of queries, as "label (matches) x ms".
    static func timings(_ queries: [(String, RunQuery)], store: FileRunStore) async -> [String] {
        var figures: [String] = []
        for (label, query) in queries {
            var times: [Double] = []
            var total = 0
            for round in 0..<23 {
                let start = ContinuousClock.now
                let page = await store.list(query)
                if round >= 2 { times.append(seconds(since: start)) }
                total = page.total
            }
            figures.append(String(format: "%@ (%@ matches) %.3f ms", label, CronBenchmark.format(Double(total)),
                                  EngineBenchmark.percentile(times, 0.5) * 1000))
        }
        return figures
    }

    /// Runs recorded through the store over the big index: create, start, three steps, end.
    static func appends(store: FileRunStore, label: String) async throws {
        let runs = 200
        var times: [Double] = []
        let start = Date()
        for n in 0..<runs {
            let time = start.addingTimeInterval(Double(n) * 0.001)
            let began = ContinuousClock.now
            let record = try await store.create(RunRecord(id: RunID.make(at: time), workflowID: "bench-append", trigger: .manual,
                                                          inputs: [:], createdAt: time))
            try await store.append(RunEvent(.runStarted, time: time), to: record.id)
            for step in ["a", "b", "c"] {
                try await store.append(RunEvent(.stepStarted, time: time, stepID: step, attempt: 1), to: record.id)
                try await store.append(RunEvent(.stepCompleted, time: time, stepID: step, attempt: 1, data: "ok"), to: record.id)
            }
            try await store.append(RunEvent(.runCompleted, time: time), to: record.id)
            times.append(seconds(since: began))
        }
        print(String(format: "store: recording a run over %@ records (create, start, 3 steps, end; durable): %.2f ms median of %d, p99 %.2f ms (no target)",
                     label, EngineBenchmark.percentile(times, 0.5) * 1000, runs, EngineBenchmark.percentile(times, 0.99) * 1000))
    }

    /// `count` finished records, as `FileRunStore` writes them, without fsyncs.
    static func generate(count: Int, spacing: Double, state: String) throws {
        let runs = state + "/runs"
        for w in 0..<EngineBenchmark.workflowCount {
            try FileManager.default.createDirectory(atPath: runs + "/" + EngineBenchmark.workflowID(w), withIntermediateDirectories: true)
        }
        let triggers = ["manual", "schedule", "schedule", "webhook"]
        for i in 0..<count {
            let created = EngineBenchmark.firstRun + Double(i) * spacing
            let id = RunID.make(at: Date(timeIntervalSince1970: created))
            let workflow = EngineBenchmark.workflowID(i % EngineBenchmark.workflowCount)
            let status = i % 20 == 0 ? "failed" : i % 50 == 1 ? "cancelled" : "completed"
            let text = EngineBenchmark.record(id: id, workflow: workflow, status: status, trigger: triggers[i % triggers.count], created: created)
            let path = runs + "/" + workflow + "/" + id + ".json"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw BenchFailure("cannot create \(path)") }
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == bytes.count else { throw BenchFailure("cannot write \(path)") }
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        EngineBenchmark.seconds(ContinuousClock.now - start)
    }
}
