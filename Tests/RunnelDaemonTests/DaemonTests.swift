import Foundation
import Logging
import RunnelCore
import RunnelEngine
import RunnelGit
import Testing
@testable import RunnelDaemon

/// The daemon over a real repository with the real step runners, driven by explicit times.
@Suite struct DaemonTests {
    static func scripted(_ name: String, echo: String, extra: String = "") -> String {
        """
        name: \(name)
        \(extra)steps:
          - {id: say, type: script, config: {run: 'echo "said=\(echo)" >> "$RUNNEL_OUTPUT"'}}
        outputs:
          said: ${{ steps.say.output.said }}
        """
    }

    struct Setup {
        let repo: ScratchRepository
        let state: String
        func daemon(logger: Logger = Logger(label: "test")) throws -> DaemonServices {
            try DaemonServices(DaemonConfiguration(repository: repo.path, state: state), secrets: EnvironmentSecretStore(environment: [:]),
                               logger: logger)
        }
        func remove() {
            repo.remove()
            try? FileManager.default.removeItem(atPath: state)
        }
    }

    static func setup() throws -> Setup {
        let repo = try ScratchRepository()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-daemon-state-\(UUID().uuidString)").path
        return Setup(repo: repo, state: state)
    }

    @Test func aScheduleFiresARunPinnedToTheActiveCommitAndARestartFiresNothingTwice() async throws {
        let setup = try Self.setup()
        defer { setup.remove() }
        let schedule = "on:\n  schedule:\n    - {cron: \"*/5 * * * *\", id: five}\n"
        let commit = try setup.repo.commit("add", ["workflows/tick.yaml": Self.scripted("Tick", echo: "tock", extra: schedule)])
        let daemon = try setup.daemon()
        let start = try Date("2026-03-02T10:02:00Z", strategy: .iso8601)
        let report = try await daemon.start(now: start)
        #expect(report.activated == ["tick"])
        #expect(await daemon.scheduler.nextWake() == start.addingTimeInterval(180))

        let fired = await daemon.scheduler.fireDueSchedules(now: start.addingTimeInterval(180))
        #expect(fired.count == 1)
        let run = try #require(fired.first)
        #expect(run.commit == commit.hex)
        #expect(run.trigger.type == "schedule")
        #expect(run.trigger.details["slot"] == "2026-03-02T10:05:00Z")
        let final = try #require(await daemon.engine.wait(run.id))
        #expect(final.status == .completed)
        #expect(final.outputs == ["said": "tock"])

        // A new daemon on the same state: the 10:05 slot is not fired again; 10:10..10:20 were
        // missed (catchup: last): 10:20 fires, the two before leave skipped records.
        let again = try setup.daemon()
        _ = try await again.start(now: start.addingTimeInterval(180 + 30))
        #expect(await again.scheduler.fireDueSchedules(now: start.addingTimeInterval(180 + 30)).isEmpty)
        let caughtUp = await again.scheduler.fireDueSchedules(now: start.addingTimeInterval(18 * 60 + 10))
        #expect(caughtUp.map(\.status) == [.skipped, .skipped, .queued])
        #expect(caughtUp.first?.error == "superseded by a later slot (catchup: last)")
        for record in caughtUp where record.status == .queued { _ = await again.engine.wait(record.id) }
    }

    @Test func runnelYAMLProblemsAreKeptForStatus() async throws {
        let setup = try Self.setup()
        defer { setup.remove() }
        try setup.repo.commit("add", ["workflows/a.yaml": Self.scripted("A", echo: "a"), "runnel.yaml": "timezone: Mars/Olympus\n"])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        let status = try DaemonStatus.read(state: setup.state)
        #expect(status.settingsProblems == ["runnel.yaml:1:11: 'timezone' must be an IANA time zone name"])
    }

    @Test func runnelYAMLSetsTheGlobalRunLimit() async throws {
        let setup = try Self.setup()
        defer { setup.remove() }
        let slow = "name: Slow\nsteps:\n  - {id: nap, type: script, config: {run: 'sleep 1'}}\n"
        try setup.repo.commit("add", ["workflows/slow.yaml": slow, "runnel.yaml": "max_concurrent_runs: 1\n"])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        let first = try await daemon.launcher.startRun(workflowID: "slow", inputs: [:])
        let second = try await daemon.launcher.startRun(workflowID: "slow", inputs: [:])
        try await Task.sleep(for: .milliseconds(200))
        #expect(await daemon.engine.runningRunIDs == [first.id])
        #expect(await daemon.engine.queuedRunIDs == [second.id])

        // Raising the limit in a commit starts the queued run.
        try setup.repo.commit("more", ["runnel.yaml": "max_concurrent_runs: 5\n"])
        _ = try await daemon.reconciler.reconcile()
        #expect(await daemon.engine.queuedRunIDs.isEmpty)
        #expect(await daemon.engine.wait(second.id)?.status == .completed)
    }

    @Test func anInvalidPushKeepsTheOldVersionRunningAndARevertRestoresIt() async throws {
        let setup = try Self.setup()
        defer { setup.remove() }
        try setup.repo.commit("v1", ["workflows/greet.yaml": Self.scripted("Greet", echo: "v1")])
        let daemon = try setup.daemon()
        _ = try await daemon.start()

        try setup.repo.commit("break", ["workflows/greet.yaml": "name: Greet\nsteps:\n  - {id: say, type: script, depends_on: [nope], config: {run: x}}\n"])
        let report = try #require(try await daemon.reconciler.reconcile())
        #expect(report.keptPrevious == ["greet"])
        #expect(await daemon.workflows["greet"]?.errors.first?.rule == "depends-on")
        let (runs, problems) = await daemon.launcher.post(event: "nothing", payload: [:])
        #expect(runs.isEmpty && problems.isEmpty)
        let run = try await daemon.engine.start(workflowID: "greet", inputs: [:])
        #expect(await daemon.engine.wait(run.id)?.outputs == ["said": "v1"])

        // The saved state survives a restart: the old version and the errors are still known.
        let restarted = try setup.daemon()
        #expect(try await restarted.start().isEmpty)
        #expect(await restarted.workflows["greet"]?.active?.workflow.name == "Greet")
        #expect(await restarted.workflows["greet"]?.errors.first?.rule == "depends-on")

        try setup.repo.git("revert", "--no-edit", "HEAD")
        #expect(try await restarted.reconciler.reconcile()?.activated == ["greet"])
        #expect(await restarted.workflows["greet"]?.errors.isEmpty == true)
    }

    @Test func eventsStartMatchingWorkflowsAndFinishedRunsChain() async throws {
        let setup = try Self.setup()
        defer { setup.remove() }
        let onEvent = "inputs:\n  who: {type: string, required: true}\non:\n  event:\n    - {type: user.joined, if: \"${{ event.payload.plan == 'pro' }}\", inputs: {who: \"${{ event.payload.name }}\"}}\n"
        let welcome = """
            name: Welcome
            \(onEvent)steps:
              - id: say
                type: script
                config:
                  env: {WHO: "${{ inputs.who }}"}
                  run: 'echo "said=welcome $WHO" >> "$RUNNEL_OUTPUT"'
            outputs:
              said: ${{ steps.say.output.said }}
            """
        let after = Self.scripted("After", echo: "chained", extra: "on:\n  workflow:\n    - {completed: welcome}\n")
        try setup.repo.commit("add", ["workflows/welcome.yaml": welcome, "workflows/after.yaml": after])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        // Chains start from the launcher's follow of each run: its service runs.
        let services = Task { await daemon.runServices() }
        defer { services.cancel() }

        #expect(await daemon.launcher.post(event: "user.joined", payload: ["plan": "free", "name": "Bo"]).runs.isEmpty)
        let (runs, problems) = await daemon.launcher.post(event: "user.joined", payload: ["plan": "pro", "name": "Ada"])
        #expect(problems.isEmpty)
        let run = try #require(runs.first)
        #expect(await daemon.engine.wait(run.id)?.outputs == ["said": "welcome Ada"])

        var chained: RunSummary?
        for _ in 0..<200 where chained == nil {
            chained = await daemon.store.list(RunQuery(workflowID: "after")).runs.first
            if chained == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let child = try #require(chained)
        #expect(child.trigger == "workflow")
        #expect(await daemon.engine.wait(child.id)?.outputs == ["said": "chained"])
    }
}
