import Foundation
import RunnelCore
import RunnelEngine
import RunnelGit
import Testing
@testable import RunnelDaemon

/// What a daemon does with commits it can't take: it starts anyway, keeps the last valid
/// versions and settings, and says what is wrong.
@Suite struct DaemonStartTests {
    @Test func aCommitWhoseReconcileFailsDoesNotStopTheNextStart() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let good = try setup.repo.commit("a", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a")])
        _ = try await setup.daemon().start()
        // A commit whose file can't be read (its blob is missing from the object store).
        let broken = try setup.repo.commit("b", ["workflows/b.yaml": DaemonTests.scripted("B", echo: "b")])
        let blob = try setup.repo.git("rev-parse", "HEAD:workflows/b.yaml")
        try FileManager.default.removeItem(atPath: setup.repo.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2))

        let restarted = try setup.daemon()
        let report = try await restarted.start()
        #expect(report.isEmpty)
        #expect(restarted.activeCommit == good.hex)
        #expect(restarted.workflows["a"]?.state == "active")
        #expect(restarted.snapshot.invalidCommit?.commit == broken.hex)
        #expect(restarted.snapshot.invalidCommit?.problem.contains("cannot reconcile") == true)
        let status = try DaemonStatus.read(state: setup.state)
        #expect(status.invalidCommit?.hasPrefix(String(broken.hex.prefix(7))) == true)
        // Once the branch moves on, the new tip is reconciled again.
        try setup.repo.commit("fix", ["workflows/b.yaml": DaemonTests.scripted("B2", echo: "b2")])
        #expect(try await restarted.reconciler.reconcile()?.activated == ["b"])
        #expect(restarted.snapshot.invalidCommit == nil)
    }

    @Test func aCommitWhoseReconcileStoppedTheDaemonIsNotTriedAgain() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let good = try setup.repo.commit("a", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a")])
        _ = try await setup.daemon().start()
        let trapping = try setup.repo.commit("b", ["workflows/b.yaml": DaemonTests.scripted("B", echo: "b")])
        // What a daemon that trapped while reconciling `trapping` leaves behind.
        try ReconcileMarker.begin(trapping.hex, state: setup.state)

        let restarted = try setup.daemon()
        _ = try await restarted.start()
        #expect(restarted.activeCommit == good.hex)
        #expect(restarted.workflows["b"] == nil)
        #expect(restarted.snapshot.invalidCommit?.commit == trapping.hex)
        #expect(try await restarted.reconciler.reconcile() == nil, "the same tip is not tried again")
        #expect(ReconcileMarker.read(state: setup.state) == nil)
    }

    @Test func aBadRunnelYAMLKeepsTheLastValidSettings() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        try setup.repo.commit("a", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a"), "runnel.yaml": "timezone: Europe/Berlin\nmax_concurrent_runs: 3\n"])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        #expect(daemon.snapshot.settings.timezone == "Europe/Berlin")
        try setup.repo.commit("bad", ["runnel.yaml": "timezone: Mars/Base\nmax_concurrent_runs: 3\n"])
        _ = try await daemon.reconciler.reconcile()
        #expect(daemon.snapshot.settings.timezone == "Europe/Berlin")
        #expect(daemon.snapshot.settings.maxConcurrentRuns == 3)
        #expect(daemon.snapshot.settingsProblems == ["runnel.yaml:1:11: 'timezone' must be an IANA time zone name"])
        // And after a restart, also when the restart finds a new tip with a bad runnel.yaml.
        let restarted = try setup.daemon()
        _ = try await restarted.start()
        #expect(await restarted.settings.timezone == "Europe/Berlin")
        #expect(restarted.snapshot.settingsProblems.count == 1)
        try setup.repo.commit("worse", ["runnel.yaml": "timezone: Mars/Olympus\nmax_concurrent_runs: 3\n"])
        let again = try setup.daemon()
        _ = try await again.start()
        #expect(again.snapshot.settings.timezone == "Europe/Berlin")
        #expect(again.snapshot.settingsProblems == ["runnel.yaml:1:11: 'timezone' must be an IANA time zone name"])
    }

    @Test func runsRecordTheirWorkflowVersion() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        try setup.repo.commit("v1", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "1")])
        try setup.repo.commit("other", ["workflows/b.yaml": DaemonTests.scripted("B", echo: "b")])
        try setup.repo.commit("v2", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "2")])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        let run = try await daemon.launcher.startRun(workflowID: "a", inputs: [:])
        #expect(run.workflowVersion == 2)
        #expect(await daemon.engine.wait(run.id)?.workflowVersion == 2)
        // A restart restores the number with the version.
        let restarted = try setup.daemon()
        _ = try await restarted.start()
        #expect(try await restarted.launcher.startRun(workflowID: "b", inputs: [:]).workflowVersion == 1)
        #expect(try await restarted.launcher.startRun(workflowID: "a", inputs: [:]).workflowVersion == 2)
    }

    @Test func aWebhookWhoseSecretIsNotDefinedIsReported() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let hook = "on:\n  webhook:\n    - {id: github, secret: GH_HOOK}\n"
        try setup.repo.commit("a", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a", extra: hook)])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        let expected = "webhook 'github' of a: its secret GH_HOOK is not defined: POST /hooks/a/github answers 401 until it is"
        #expect(daemon.snapshot.runtimeProblems == [expected])
        #expect(try DaemonStatus.read(state: setup.state).runtimeProblems == [expected])
        let defined = try DaemonServices(DaemonConfiguration(repository: setup.repo.path, state: setup.state),
                                 secrets: EnvironmentSecretStore(environment: ["RUNNEL_SECRET_GH_HOOK": "s3cret"]))
        _ = try await defined.start()
        #expect(defined.snapshot.runtimeProblems.isEmpty)
    }

    @Test func readersGetEachNewSnapshot() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        try setup.repo.commit("a", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "a")])
        let daemon = try setup.daemon()
        var updates = daemon.snapshots.updates().makeAsyncIterator()
        #expect(await updates.next()?.activeCommit == nil)
        _ = try await daemon.start()
        var seen = await updates.next()
        while seen?.activeCommit == nil || seen?.reconciling != nil { seen = await updates.next() }
        #expect(seen?.workflows["a"]?.state == "active")
    }
}
