import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelDashboard
import RunnelEngine

/// The dashboard (`runnel-bench dashboard [N]`): the server-side time of the runs page over
/// N finished runs (default 100,000) and of a run page with 500 steps (target ≤ 10 ms median
/// each), through the router in-process (no network), and the weight of each page and asset
/// (targets ≤ 100 KB a page, ≤ 50 KB an asset).
enum DashboardBenchmark {
    static let stepCount = 500

    static func run(size: Int) async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-dashboard-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            try await measure(size: size, root: root)
        } catch {
            print("dashboard: benchmark stopped: \(error)")
        }
    }

    static func measure(size: Int, root: String) async throws {
        let repo = root + "/repo", state = root + "/state"
        try FileManager.default.createDirectory(atPath: repo + "/workflows", withIntermediateDirectories: true)
        try bigWorkflow().write(toFile: repo + "/workflows/big.yaml", atomically: true, encoding: .utf8)
        try git(repo, "init", "-q", "-b", "main")
        try git(repo, "add", "-A")
        try git(repo, "commit", "-q", "-m", "A workflow of 500 steps")
        var began = ContinuousClock.now
        try StoreBenchmark.generate(count: size, spacing: 100 * 86_400 / Double(size), state: state)
        let runID = try writeBigRun(state: state)
        print(String(format: "dashboard: generated %@ run records and a run of %d steps in %.1f s", CronBenchmark.format(Double(size)), stepCount,
                     StoreBenchmark.seconds(since: began)))
        began = ContinuousClock.now
        let daemon = try DaemonServices(DaemonConfiguration(repository: repo, state: state), secrets: EnvironmentSecretStore(environment: [:]))
        _ = try await daemon.start()
        print(String(format: "dashboard: daemon started over them in %.1f s", StoreBenchmark.seconds(since: began)))
        let app = Application(router: Dashboard(daemon: daemon, api: APIRoutes(daemon: daemon, keys: nil), keys: nil).router())
        let pages: [(String, String)] = [
            ("runs page (newest 50 of \(CronBenchmark.format(Double(size + 1))))", "/dashboard/runs"),
            ("runs page, status failed", "/dashboard/runs?status=failed"),
            ("runs page, one workflow, one day", "/dashboard/runs?workflow=wf-07&from=2026-02-10&to=2026-02-10"),
            ("run page, \(stepCount) steps", "/dashboard/runs/\(runID)"),
            ("workflow page, \(stepCount) steps", "/dashboard/workflows/big"),
            ("workflows page", "/dashboard/workflows"),
            ("approvals page", "/dashboard/approvals"),
            ("status page", "/dashboard/status"),
            ("versions page", "/dashboard/versions/big"),
        ]
        let assets = ["/dashboard/assets/app.css", "/dashboard/assets/app.js", "/dashboard/assets/icon.svg"]
        try await app.test(.router) { client in
            var times: [String] = []
            var weights: [String] = []
            for (label, uri) in pages {
                var samples: [Double] = []
                var bytes = 0
                for _ in 0..<21 {
                    let start = ContinuousClock.now
                    try await client.execute(uri: uri, method: .get) { response in
                        guard response.status == .ok else { throw BenchFailure("\(uri) answered \(response.status.code)") }
                        bytes = response.body.readableBytes
                    }
                    samples.append(StoreBenchmark.seconds(since: start) * 1000)
                }
                times.append(String(format: "%@ %.2f ms", label, EngineBenchmark.percentile(samples, 0.5)))
                weights.append(String(format: "%@ %.1f KB", label, Double(bytes) / 1024))
            }
            for uri in assets {
                try await client.execute(uri: uri, method: .get) { response in
                    weights.append(String(format: "%@ %.1f KB", String(uri.split(separator: "/").last ?? ""), Double(response.body.readableBytes) / 1024))
                }
            }
            print("dashboard: server-side render, median of 21 (target ≤ 10 ms for the runs page and the \(stepCount)-step run page): "
                  + times.joined(separator: "; "))
            print("dashboard: weights (target ≤ 100 KB a page, ≤ 50 KB an asset): " + weights.joined(separator: "; "))
        }
    }

    /// 500 script steps, each after the one before and, every tenth, after the tenth before too.
    static func bigWorkflow() -> String {
        var text = "name: Big\ndescription: A workflow of \(stepCount) steps\nsteps:\n"
        for i in 0..<stepCount {
            text += "  - id: s\(i)\n    type: script\n"
            if i > 0 { text += "    depends_on: [s\(i - 1)\(i >= 10 && i % 10 == 0 ? ", s\(i - 10)" : "")]\n" }
            text += "    config: {run: 'echo \(i)'}\n"
        }
        return text
    }

    /// A finished run of `big` with a step run for each of its steps.
    static func writeBigRun(state: String) throws -> String {
        let created = Date(timeIntervalSince1970: EngineBenchmark.firstRun + 101 * 86_400)
        let id = RunID.make(at: created)
        var record = RunRecord(id: id, workflowID: "big", trigger: RunTrigger(type: "manual"), inputs: [:], createdAt: created)
        record.status = .completed
        record.startedAt = created
        var time = created
        for i in 0..<stepCount {
            let end = time.addingTimeInterval(0.02)
            record.stepRuns.append(StepRun(stepID: "s\(i)", status: .completed, attempt: 1, output: ["exit_code": 0, "stdout": .string("\(i)\n")],
                                           startedAt: time, completedAt: end))
            time = end
        }
        record.completedAt = time
        record.durationSeconds = time.timeIntervalSince(created)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        try FileManager.default.createDirectory(atPath: state + "/runs/big", withIntermediateDirectories: true)
        try encoder.encode(record).write(to: URL(fileURLWithPath: state + "/runs/big/\(id).json"))
        return id
    }

    static func git(_ directory: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("git \(arguments.joined(separator: " ")) failed") }
    }
}
