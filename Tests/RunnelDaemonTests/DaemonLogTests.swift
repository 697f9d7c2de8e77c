import Foundation
import Logging
import RunnelCore
import RunnelEngine
import RunnelTestSupport
import Testing
@testable import RunnelDaemon

/// What the daemon's services log, read through a capturing handler: constant messages with
/// their values in `runnel.*` metadata.
@Suite struct DaemonLogTests {
    @Test func aReconcileLogsItsCommitAndWhatChanged() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let logs = LogCapture()
        try setup.repo.commit("add", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a"),
                                      "runnel.yaml": "timezone: Mars/Olympus\n"])
        let daemon = try setup.daemon(logger: logs.logger)
        _ = try await daemon.start()
        let reconciled = try #require(logs.entries(DaemonLog.reconciled.rawValue).first)
        #expect(reconciled.level == .info)
        #expect(reconciled[LogKey.commit] == daemon.activeCommit)
        #expect(reconciled[LogKey.activated] == "a")
        let settings = try #require(logs.entries(DaemonLog.settingsProblem.rawValue).first)
        #expect(settings.level == .error)
        #expect(settings[LogKey.problem] == "runnel.yaml:1:11: 'timezone' must be an IANA time zone name")

        try setup.repo.commit("change", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "b"), "workflows/b.yaml": "name: [\n"])
        _ = try await daemon.reconciler.reconcile()
        let second = try #require(logs.entries(DaemonLog.reconciled.rawValue).last)
        #expect(second[LogKey.activated] == "a")
        #expect(second[LogKey.invalid] == "b")
    }

    @Test func aFailedRunIsLoggedAsAnErrorWithItsStatus() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let logs = LogCapture()
        try setup.repo.commit("add", ["workflows/fail.yaml": "name: Fail\nsteps:\n  - {id: a, type: script, config: {run: \"exit 3\"}}\n"])
        let daemon = try setup.daemon(logger: logs.logger)
        _ = try await daemon.start()
        let services = Task { await daemon.runServices() }
        defer { services.cancel() }
        let run = try await daemon.launcher.startRun(workflowID: "fail", inputs: [:])
        let started = await logs.wait { $0.message == DaemonLog.runStarted.rawValue }
        #expect(started?[LogKey.runID] == run.id)
        #expect(started?[LogKey.trigger] == "manual")
        let ended = await logs.wait { $0.message == DaemonLog.runEnded.rawValue }
        #expect(ended?.level == .error)
        #expect(ended?[LogKey.runID] == run.id)
        #expect(ended?[LogKey.workflowID] == "fail")
        #expect(ended?[LogKey.status] == "failed")
    }

    @Test func theGracefulShutdownLogsTheStop() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let logs = LogCapture()
        try setup.repo.commit("add", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a")])
        let daemon = try setup.daemon(logger: logs.logger)
        _ = try await daemon.start()
        let group = daemon.serviceGroup()
        let running = Task { try await group.run() }
        try await Task.sleep(for: .milliseconds(100))
        await group.triggerGracefulShutdown()
        try await running.value
        let stopped = try #require(logs.entries(DaemonLog.stopped.rawValue).first)
        #expect(stopped[LogKey.unfinished] == "")
    }
}
