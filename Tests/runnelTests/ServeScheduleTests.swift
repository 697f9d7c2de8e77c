import Foundation
import Testing

/// `runnel serve` firing a real every-minute schedule, stopping on SIGTERM in the middle of
/// the run, and finishing that run after a restart.
@Suite struct ServeScheduleTests {
    static let minutely = """
        name: Minutely
        on:
          schedule:
            - {cron: "* * * * *", catchup: none}
        steps:
          - {id: slow, type: script, config: {run: "sleep 2; echo slow done"}}
          - {id: after, type: script, depends_on: [slow], config: {run: "echo after"}}
        """

    @Test(.timeLimit(.minutes(3)))
    func aMinutelyScheduleFiresAndARunStoppedBySIGTERMFinishesAfterARestart() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("minutely", ["workflows/minutely.yaml": Self.minutely])
        let state = repo.url.appendingPathComponent("state")
        let arguments = ["serve", "--repo", repo.url.path, "--state", state.path, "--no-api", "--grace-period", "30"]

        let first = try CLI.start(arguments, in: repo.url)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        // The next minute boundary fires it: the slow step is running within ~62 s.
        let record = try await Self.waitForRecord(state) { $0.contains("\"slow\"") && $0.contains("\"running\"") }
        kill(first.processIdentifier, SIGTERM)
        let stopped = try await CLI.finish(first, within: .seconds(40))
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains("run \(record) of minutely started for slot"))
        #expect(stopped.stdout.contains("1 unfinished run(s) resume at the next start: \(record)"), "\(stopped.stdout)")
        let left = try Self.read(state, record)
        #expect(left.contains("run_interrupted") || left.contains("\"status\" : \"running\"") || left.contains("\"status\": \"running\""))

        let second = try CLI.start(arguments, in: repo.url)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let done = try await Self.waitForRecord(state, id: record) { $0.contains("\"completed\"") && $0.contains("after") }
        #expect(done == record)
        let finished = try Self.read(state, record)
        #expect(finished.contains("slow done"), "the slow step ended before the stop and is kept")
        kill(second.processIdentifier, SIGTERM)
        _ = try await CLI.finish(second, within: .seconds(40))
    }

    static func read(_ state: URL, _ id: String) throws -> String {
        let url = state.appendingPathComponent("runs/minutely/\(id).json")
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// Waits (up to 90 s) for a run record of `minutely` whose JSON satisfies `condition`; returns its id.
    static func waitForRecord(_ state: URL, id: String? = nil, _ condition: (String) -> Bool) async throws -> String {
        let folder = state.appendingPathComponent("runs/minutely").path
        for _ in 0..<900 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
                let runID = String(name.dropLast(5))
                if let id, id != runID { continue }
                if let text = try? read(state, runID), condition(text) { return runID }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CLITestFailure(description: "no record of minutely matched in time")
    }
}
