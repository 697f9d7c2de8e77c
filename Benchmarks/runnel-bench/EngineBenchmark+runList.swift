import Foundation
import RunnelCore
import RunnelEngine
#if canImport(Glibc)
import Glibc
#endif

extension EngineBenchmark {
    static let recordCount = 100_000
    static let workflowCount = 50
    /// 2026-01-01T00:00:00Z; runs are created every 86.4 s from there (100 days in all).
    static let firstRun = 1_767_225_600.0
    static let spacing = 86.4

    /// Writes 100,000 finished run records straight into a store's layout, then times opening
    /// the store (the index rebuild) and a few listings.
    static func runList(root: String) async throws {
        let state = root + "/state-runs"
        var began = ContinuousClock.now
        try generateRecords(state: state)
        print(String(format: "engine: generated %@ run records (%d workflows) in %.1f s",
                     CronBenchmark.format(Double(recordCount)), workflowCount, seconds(ContinuousClock.now - began)))

        began = ContinuousClock.now
        let store = try FileRunStore(state: state)
        let openSeconds = seconds(ContinuousClock.now - began)
        let all = await store.list(RunQuery(limit: 1))
        let problems = await store.problems
        print(String(format: "engine: opening the store over %@ records (index rebuilt from the files): %.2f s", CronBenchmark.format(Double(all.total)), openSeconds)
              + (problems.isEmpty ? "" : " (\(problems.count) problems, first: \(problems[0]))"))

        let day = Date(timeIntervalSince1970: firstRun + 50 * 86_400)
        let queries: [(String, RunQuery)] = [
            ("newest 50", RunQuery(limit: 50)),
            ("workflow wf-07, 50", RunQuery(workflowID: "wf-07", limit: 50)),
            ("status failed, 50", RunQuery(status: .failed, limit: 50)),
            ("one day's runs, 100", RunQuery(since: day, until: day.addingTimeInterval(86_400), limit: 100)),
            ("workflow wf-10 completed, offset 1,000, 100", RunQuery(workflowID: "wf-10", status: .completed, limit: 100, offset: 1_000)),
            ("all, offset 50,000, 100", RunQuery(limit: 100, offset: 50_000)),
        ]
        let figures = await StoreBenchmark.timings(queries, store: store)
        print("engine: run-list queries over \(CronBenchmark.format(Double(all.total))) records, median of 21 (target ≤ 10 ms): "
              + figures.joined(separator: "; "))
    }

    /// `recordCount` records of finished runs with three steps each, as `FileRunStore` writes
    /// them (`<state>/runs/<workflow-id>/<run-id>.json`), without fsyncs.
    static func generateRecords(state: String) throws {
        try StoreBenchmark.generate(count: recordCount, spacing: spacing, state: state)
    }

    static func workflowID(_ n: Int) -> String { n < 10 ? "wf-0\(n)" : "wf-\(n)" }

    /// One record's JSON, pretty-printed with sorted keys like the store's snapshots.
    static func record(id: String, workflow: String, status: String, trigger: String, created: Double) -> String {
        let started = created + 0.004
        var steps: [String] = []
        var time = started
        for (n, step) in ["fetch", "transform", "notify"].enumerated() {
            let failed = status == "failed" && n == 2
            let end = time + 0.250
            steps.append("""
                    {
                      "attempt" : 1,
                      "completed_at" : "\(iso(end))",
                      "duration_seconds" : 0.25,\(failed ? "\n      \"error\" : \"the script exited with status 1\"," : "")
                      "output" : {
                        "exit_code" : \(failed ? 1 : 0),
                        "stderr" : "",
                        "stdout" : "ok \(n)\\n"
                      },
                      "started_at" : "\(iso(time))",
                      "status" : "\(failed ? "failed" : status == "cancelled" && n == 2 ? "cancelled" : "completed")",
                      "step_id" : "\(step)"
                    }
                """)
            time = end
        }
        let error = status == "failed" ? "\n  \"error\" : \"step 'notify' failed\"," : status == "cancelled" ? "\n  \"error\" : \"cancelled\"," : ""
        return """
            {
              "commit" : "3f2c1a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
              "completed_at" : "\(iso(time))",
              "created_at" : "\(iso(created))",
              "duration_seconds" : \(String(format: "%.3f", time - started)),\(error)
              "id" : "\(id)",
              "inputs" : {
                "limit" : 100
              },
              "last_event_id" : 9,
              "outputs" : {
                "count" : 3
              },
              "started_at" : "\(iso(started))",
              "status" : "\(status)",
              "step_runs" : [
            \(steps.joined(separator: ",\n"))
              ],
              "trigger" : {
                "details" : {

                },
                "type" : "\(trigger)"
              },
              "workflow_id" : "\(workflow)",
              "workflow_version" : 3
            }

            """
    }

    /// `2026-01-01T00:00:00.000Z` (the store's time format), without Foundation formatters.
    static func iso(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        var whole = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&whole, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), milliseconds % 1000)
    }
}
