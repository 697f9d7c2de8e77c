import Foundation
import RunnelCore
import RunnelEngine
import RunnelGit
import Testing
@testable import RunnelDaemon

/// Mirror mode: the daemon fetches a remote branch into a bare mirror of its own.
@Suite struct MirrorTests {
    static func mirrored(_ remote: ScratchRepository, state: String) throws -> DaemonServices {
        var configuration = DaemonConfiguration(repository: state + "/mirror.git", state: state)
        configuration.remote = remote.path
        configuration.fetchInterval = .seconds(3600)
        return try DaemonServices(configuration, secrets: EnvironmentSecretStore(environment: [:]))
    }

    @Test func startsOnTheRemoteTipFollowsPushesAndForcePushesAndRefusesWrites() async throws {
        let remote = try ScratchRepository()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-mirror-\(UUID().uuidString)").path
        defer {
            remote.remove()
            try? FileManager.default.removeItem(atPath: state)
        }
        let first = try remote.commit("add", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "one")])
        let daemon = try Self.mirrored(remote, state: state)
        let report = try await daemon.start()
        #expect(report.activated == ["a"])
        #expect(await daemon.activeCommit == first.hex)
        #expect(FileManager.default.fileExists(atPath: state + "/mirror.git/HEAD"), "a bare mirror was made")

        // Not due yet (the interval is an hour): nothing is fetched until a hook asks.
        let second = try remote.commit("add b", ["workflows/b.yaml": DaemonTests.scripted("B", echo: "two")])
        #expect(await daemon.reconciler.fetchIfDue() == nil)
        #expect(try await daemon.reconciler.reconcile() == nil)
        await daemon.reconciler.requestFetch()
        #expect(await daemon.reconciler.fetchIfDue() == nil)
        #expect(try await daemon.reconciler.reconcile()?.activated == ["b"])
        #expect(await daemon.activeCommit == second.hex)

        // A force-push that drops b: the mirror follows, b is deleted.
        try remote.git("reset", "-q", "--hard", first.hex)
        let rewritten = try remote.commit("change a", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "uno")])
        await daemon.reconciler.requestFetch()
        _ = await daemon.reconciler.fetchIfDue()
        let afterForce = try #require(try await daemon.reconciler.reconcile())
        #expect(afterForce.deleted == ["b"])
        #expect(afterForce.activated == ["a"])
        #expect(await daemon.activeCommit == rewritten.hex)

        // Writes belong to the remote.
        await #expect(throws: WriteError.self) {
            _ = try await daemon.writer.writeWorkflow(id: "c", yaml: DaemonTests.scripted("C", echo: "x"), create: true,
                                               message: "add c", author: "api", base: nil)
        }
        do {
            _ = try await daemon.writer.deleteWorkflow(id: "a", message: "rm", author: "api", base: nil)
            Issue.record("a mirror committed a write")
        } catch {
            #expect(error.kind == .readOnly)
            #expect(error.description.contains("mirrors"))
        }
    }

    @Test func anUnreachableRemoteIsReportedAndTheLastFetchKeepsRunning() async throws {
        let remote = try ScratchRepository()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-mirror-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        try remote.commit("add", ["workflows/a.yaml": DaemonTests.scripted("A", echo: "one")])
        let daemon = try Self.mirrored(remote, state: state)
        _ = try await daemon.start()
        remote.remove()
        await daemon.reconciler.requestFetch()
        let problem = try #require(await daemon.reconciler.fetchIfDue())
        #expect(problem.contains("cannot fetch main from \(remote.path)"))
        #expect(await daemon.workflows["a"]?.state == "active")
        #expect(await daemon.reconciler.fetchProblem == problem)
    }
}
