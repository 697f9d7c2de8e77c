import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelEngine
import Testing

/// `GET /metrics`: Prometheus text with runs, workflows, the active commit and schedules.
@Suite struct MetricsTests {
    static let nightly = """
        name: Nightly
        status: paused
        on:
          schedule:
            - {id: night, cron: "0 3 * * *"}
        steps:
          - {id: one, type: script, config: {run: "true"}}
        """
    static let hourly = """
        name: Hourly
        on:
          schedule:
            - {id: hour, cron: "0 * * * *"}
            - {id: half, cron: "30 * * * *"}
        steps:
          - {id: one, type: script, config: {run: "true"}}
        """

    static let slow = "name: Slow\nsteps:\n  - {id: wait, type: script, config: {run: \"sleep 10\"}}\n"

    @Test func reportsRunsWorkflowsTheActiveCommitAndSchedules() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet, "workflows/nightly.yaml": Self.nightly,
                                                  "workflows/hourly.yaml": Self.hourly, "workflows/broken.yaml": "name: [unclosed\n",
                                                  "workflows/slow.yaml": Self.slow])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let reader = try keys.create(name: "dashboard", scopes: [.read])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let commit = try #require(await fixture.daemon.activeCommit)
        try await app.test(.router) { client in
            let first = try await fixture.daemon.launcher.startRun(workflowID: "greet", inputs: ["who": "Ada"], trigger: RunTrigger(type: "manual"))
            #expect(await fixture.daemon.engine.wait(first.id)?.status == .completed)

            // A run that is running while the metrics are read (cancelled at the end).
            let slow = try await fixture.daemon.launcher.startRun(workflowID: "slow", inputs: [:], trigger: RunTrigger(type: "manual"))
            for _ in 0..<500 where await !fixture.daemon.engine.runningRunIDs.contains(slow.id) { try await Task.sleep(for: .milliseconds(10)) }

            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(reader)"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                let lines = Set(text.split(separator: "\n").map(String.init))
                let samples = Self.samples(text)
                for expected in [
                    #"runnel_runs{status="completed"} 1"#, #"runnel_runs{status="failed"} 0"#, #"runnel_runs{status="skipped"} 0"#,
                    "runnel_runs_running 1", "runnel_runs_queued 0",
                    #"runnel_workflows{state="active"} 3"#, #"runnel_workflows{state="paused"} 1"#,
                    #"runnel_workflows{state="invalid"} 1"#, #"runnel_workflows{state="draft"} 0"#,
                    #"runnel_active_commit_info{commit="\#(commit)"} 1"#,
                    "runnel_schedules 2", "# TYPE runnel_runs gauge",
                    "# TYPE runnel_step_duration_seconds histogram",
                    #"runnel_step_duration_seconds_bucket{type="script",outcome="completed",le="+Inf"} 1"#,
                    #"runnel_step_duration_seconds_count{type="script",outcome="completed"} 1"#,
                    "# TYPE runnel_reconcile_duration_seconds histogram",
                    #"runnel_reconcile_duration_seconds_bucket{le="+Inf"} 1"#, "runnel_reconcile_duration_seconds_count 1",
                    #"runnel_schedule_lateness_seconds_bucket{le="+Inf"} 0"#,
                ] {
                    // Comments as written; samples by value (Prometheus writes 1 and 1.0 alike).
                    if expected.hasPrefix("#") {
                        #expect(lines.contains(expected), "missing: \(expected)")
                    } else if let space = expected.lastIndex(of: " ") {
                        #expect(samples[String(expected[..<space])] == Double(expected[expected.index(after: space)...]), "missing: \(expected)")
                    }
                }
            }
            #expect(await fixture.daemon.engine.cancel(slow.id))
            #expect(await fixture.daemon.engine.wait(slow.id)?.status == .cancelled)
        }
    }

    /// The samples of an exposition by series (`name{labels}`), comments left out.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func theActiveCommitInfoFollowsTheCommit() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: nil).router())
        let first = try #require(await fixture.daemon.activeCommit)
        try await app.test(.router) { client in
            let before = try await client.execute(uri: "/metrics", method: .get) { Self.samples(String(buffer: $0.body)) }
            #expect(before[#"runnel_active_commit_info{commit="\#(first)"}"#] == 1)
            try "name: Other\nsteps:\n  - {id: one, type: script, config: {run: \"true\"}}\n"
                .write(toFile: fixture.folder + "/repo/workflows/other.yaml", atomically: true, encoding: .utf8)
            try APITests.Fixture.git(fixture.folder + "/repo", "add", "-A")
            try APITests.Fixture.git(fixture.folder + "/repo", "commit", "-q", "-m", "other")
            _ = try await fixture.daemon.reconciler.reconcile()
            let second = try #require(await fixture.daemon.activeCommit)
            #expect(second != first)
            let after = try await client.execute(uri: "/metrics", method: .get) { Self.samples(String(buffer: $0.body)) }
            #expect(after[#"runnel_active_commit_info{commit="\#(second)"}"#] == 1)
            #expect(after.keys.filter { $0.hasPrefix("runnel_active_commit_info") }.count == 1, "the old commit's sample is gone")
            #expect(after[#"runnel_workflows{state="active"}"#] == 2)
            #expect(after["runnel_reconcile_duration_seconds_count"] == 2)
        }
    }

    @Test func histogramsCountAtOrBelowEachBound() {
        var histogram = Histogram(bounds: [0.1, 1])
        for value in [0.05, 0.1, 0.5, 3] { histogram.observe(value) }
        #expect(histogram.counts == [2, 1, 1])
        #expect(histogram.count == 4)
        #expect(abs(histogram.sum - 3.65) < 1e-9)
        #expect(histogram.upperBound(ofQuantile: 0.5) == 0.1)
        #expect(histogram.upperBound(ofQuantile: 0.75) == 1)
        #expect(histogram.upperBound(ofQuantile: 0.99) == nil, "above every bound")
    }

    @Test func aFiredSlotRecordsItsLateness() async throws {
        let onTheHour = "name: On the hour\non:\n  schedule:\n    - {id: hour, cron: \"0 * * * *\"}\nsteps:\n  - {id: one, type: script, config: {run: \"true\"}}\n"
        let fixture = try await APITests.Fixture(["workflows/hourly.yaml": onTheHour])
        defer { fixture.remove() }
        // The next hour after the daemon registered its schedules (at its start, now).
        let slot = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.up) * 3600)
        // Before the hour, the half-hour slot may fire (when the test runs before :30): only
        // the slots fired at the hour count below.
        let early = await fixture.daemon.scheduler.fireDueSchedules(now: slot.addingTimeInterval(-1))
        let before = await fixture.daemon.engine.metrics.scheduleLateness
        let fired = await fixture.daemon.scheduler.fireDueSchedules(now: slot.addingTimeInterval(0.015))
        #expect(!fired.isEmpty)
        let lateness = await fixture.daemon.engine.metrics.scheduleLateness
        let count = lateness.count - before.count
        #expect(count == fired.filter { $0.status != .skipped }.count)
        #expect(abs((lateness.sum - before.sum) - 0.015 * Double(count)) < 0.001)
        for record in early + fired { _ = await fixture.daemon.engine.wait(record.id) }
    }
}
