import Foundation
import Logging
import RunnelCore
import RunnelDaemon
import RunnelEngine
import RunnelGit
import Synchronization

/// The daemon on a repository of 10,000 workflows (each with a schedule; 100 fire every
/// minute): cold start to ready and resident memory (in a child process of their own),
/// one-file push to active, schedule lateness at a minute boundary, and API requests/s
/// under `wrk` beside a constant Hummingbird handler (DaemonBenchmark+http.swift).
enum DaemonBenchmark {
    /// 10,000, or `RUNNEL_BENCH_WORKFLOWS` (a smaller repository for a run under callgrind).
    static let workflowCount = ProcessInfo.processInfo.environment["RUNNEL_BENCH_WORKFLOWS"].flatMap(Int.init).map { max(200, $0) } ?? 10_000
    static let minutely = 100

    static func run() async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-daemon-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let repo = root + "/repo.git"
            var begin = ContinuousClock.now
            try generate(at: repo)
            print(String(format: "daemon: generated %d workflows in one commit in %.1f s", workflowCount, EngineBenchmark.seconds(ContinuousClock.now - begin)))

            // Cold start and memory: a fresh process, as `runnel serve` starts.
            let cold = try coldStartInChild(repo: repo, state: root + "/state-cold")
            print(cold)

            let recorder = Recorder()
            let daemon = try DaemonServices(DaemonConfiguration(repository: repo, state: root + "/state", pollInterval: .seconds(5)),
                                            secrets: EnvironmentSecretStore(environment: [:]), logger: recorder.logger)
            begin = ContinuousClock.now
            _ = try await daemon.start()
            print(String(format: "daemon: in-process start to ready: %.2f s, %d schedules registered",
                         EngineBenchmark.seconds(ContinuousClock.now - begin), await daemon.scheduler.scheduleCount))
            let loop = Task { await daemon.runServices() }
            defer { loop.cancel() }

            try await pushToActive(repo: repo, daemon: daemon, recorder: recorder)
            try await DaemonBenchmark.http(daemon: daemon)
            await lateness(daemon: daemon, recorder: recorder)
        } catch {
            print("daemon: failed: \(error)")
        }
    }

    // MARK: - The repository

    static func workflow(_ index: Int, hour: Int, say: String = "hi") -> String {
        let cron = index < minutely ? "* * * * *" : "\(index % 60) \(hour) * * *"
        return """
            name: Workflow \(index)
            description: Benchmark workflow \(index)
            tags: [bench, group-\(index % 10)]
            on:
              schedule:
                - {cron: "\(cron)", catchup: none}
            steps:
              - {id: wait, type: wait, config: {duration: 1s}}
              - {id: say, type: script, depends_on: [wait], config: {run: "echo \(say)"}}

            """
    }

    /// The daily schedules fire at an hour that is half a day away, so none fires during the run.
    static var quietHour: Int { (Calendar(identifier: .gregorian).component(.hour, from: Date()) + 12) % 24 }

    static func generate(at path: String) throws {
        let repository = try GitRepository.openOrCreateBare(at: path, branch: "main")
        let hour = quietHour
        let changes: [FileChange] = (0..<workflowCount).map { index in
            .write(path: String(format: "workflows/group-%02d/w%05d.yaml", index % 100, index), contents: Array(workflow(index, hour: hour).utf8))
        }
        try repository.commit(changes, on: "main", expectedTip: nil, message: "10,000 workflows", author: Signature(name: "bench", email: "bench@runnel.invalid"))
    }

    // MARK: - Cold start

    /// `runnel-bench daemon-cold REPO STATE`: starts a daemon, prints its time to ready and
    /// its resident memory.
    static func coldStart(repo: String, state: String) async {
        do {
            let begin = ContinuousClock.now
            let daemon = try DaemonServices(DaemonConfiguration(repository: repo, state: state), secrets: EnvironmentSecretStore(environment: [:]))
            _ = try await daemon.start()
            let elapsed = EngineBenchmark.seconds(ContinuousClock.now - begin)
            let count = await daemon.workflows.count
            print(String(format: "daemon: cold start to ready: %.2f s for %d workflows; resident memory %.0f MB (target ≤ 300 MB)",
                         elapsed, count, Double(residentKilobytes()) / 1024))
        } catch {
            print("daemon: cold start failed: \(error)")
        }
    }

    static func coldStartInChild(repo: String, state: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["daemon-cold", repo, state]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func residentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    // MARK: - Push to active

    /// Commits a one-file change from another repository object (as a push moves the ref)
    /// and times until the daemon's loop reports that commit active.
    static func pushToActive(repo: String, daemon: DaemonServices, recorder: Recorder, rounds: Int = 25) async throws {
        let pusher = try GitRepository(path: repo)
        let hour = quietHour
        var latencies: [Double] = []
        for round in 0..<rounds {
            guard let tip = try pusher.branchTip("main") else { throw BenchFailure("no tip") }
            let index = minutely + round * 37
            let change = FileChange.write(path: String(format: "workflows/group-%02d/w%05d.yaml", index % 100, index),
                                          contents: Array(workflow(index, hour: hour, say: "round \(round)").utf8))
            let commit = try pusher.commit([change], on: "main", expectedTip: tip, message: "round \(round)",
                                           author: Signature(name: "bench", email: "bench@runnel.invalid"))
            let pushed = ContinuousClock.now
            guard let active = await recorder.waitForReconcile(of: commit.hex, within: .seconds(10)) else {
                throw BenchFailure("commit \(commit.short) was not activated within 10 s")
            }
            if round >= min(5, rounds - 1) { latencies.append(EngineBenchmark.seconds(active - pushed)) }
        }
        print(String(format: "daemon: one-file push to active: median %.1f ms, p90 %.1f ms, max %.1f ms over %d pushes (target ≤ 100 ms median)",
                     EngineBenchmark.percentile(latencies, 0.5) * 1000, EngineBenchmark.percentile(latencies, 0.9) * 1000,
                     (latencies.max() ?? .nan) * 1000, latencies.count))
        let reconciles = daemon.engine.metrics.reconcileDurations
        print(String(format: "daemon: of which reconciling (diff, parse, cross-file checks, schedules, state saved): mean %.1f ms",
                     reconciles.sum / Double(max(1, reconciles.count)) * 1000))
    }

    // MARK: - Schedule lateness

    /// Waits for the next minute boundary, where the 100 minutely schedules fire, and reports
    /// how late the daemon woke for each slot and how late each run record was written.
    static func lateness(daemon: DaemonServices, recorder: Recorder) async {
        let now = Date().timeIntervalSince1970
        let boundary = Date(timeIntervalSince1970: (now / 60).rounded(.up) * 60)
        print(String(format: "daemon: waiting %.0f s for the next minute boundary (%d schedules registered, %d due then)",
                     boundary.timeIntervalSinceNow, await daemon.scheduler.scheduleCount, minutely))
        var records: [RunRecord] = []
        for id in await recorder.waitForScheduled(count: minutely, within: .seconds(boundary.timeIntervalSinceNow + 30)) {
            if let record = await daemon.store.record(id) { records.append(record) }
        }
        let wake = daemon.engine.metrics.scheduleLateness
        var created: [Double] = []
        for record in records {
            guard let slot = record.trigger.details["slot"]?.stringValue.flatMap({ try? Date($0, strategy: .iso8601) }) else { continue }
            created.append(record.createdAt.timeIntervalSince(slot))
        }
        print(String(format: "daemon: schedule lateness (wake-up after the slot): mean %.2f ms, p99 ≤ %.0f ms (histogram bucket) over %d slots (target p99 ≤ 20 ms)",
                     wake.count == 0 ? Double.nan : wake.sum / Double(wake.count) * 1000,
                     (wake.upperBound(ofQuantile: 0.99) ?? .nan) * 1000, wake.count))
        print(String(format: "daemon: run records written after the slot: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d runs, one fsync each)",
                     EngineBenchmark.percentile(created, 0.5) * 1000, EngineBenchmark.percentile(created, 0.99) * 1000,
                     (created.max() ?? .nan) * 1000, created.count))
        for record in records { _ = await daemon.engine.cancel(record.id) }
    }

    /// What the daemon's services logged, with the time it was heard: the commits reconciled
    /// and the runs scheduled (through a log handler of its own).
    final class Recorder: Sendable {
        private let state = Mutex<(reconciled: [String: ContinuousClock.Instant], scheduled: [String])>(([:], []))

        /// A logger whose events the recorder hears.
        var logger: Logger { Logger(label: "runnel.bench") { _ in Handler(recorder: self) } }

        struct Handler: LogHandler {
            let recorder: Recorder
            var logLevel: Logger.Level = .info
            var metadata: Logger.Metadata = [:]
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                let now = ContinuousClock.now
                switch DaemonLog(event.message) {
                case .reconciled:
                    guard case .string(let commit)? = event.metadata?[LogKey.commit] else { return }
                    recorder.state.withLock { $0.reconciled[commit] = now }
                case .scheduleFired, .scheduleSkipped:
                    guard case .string(let id)? = event.metadata?[LogKey.runID] else { return }
                    recorder.state.withLock { $0.scheduled.append(id) }
                default: break
                }
            }
        }

        func waitForReconcile(of commit: String, within limit: Duration) async -> ContinuousClock.Instant? {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                if let at = state.withLock({ $0.reconciled[commit] }) { return at }
                try? await Task.sleep(for: .microseconds(200))
            }
            return nil
        }

        func waitForScheduled(count: Int, within limit: Duration) async -> [String] {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                let records = state.withLock { $0.scheduled }
                if records.count >= count { return records }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return state.withLock { $0.scheduled }
        }
    }
}
