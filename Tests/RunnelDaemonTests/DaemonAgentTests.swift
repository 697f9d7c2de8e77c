import Foundation
import RunnelCore
import RunnelEngine
import RunnelGit
import Testing
@testable import RunnelDaemon

/// The daemon gives agent steps the providers of `runnel.yaml` and the knowledge folders at
/// the run's commit.
@Suite struct DaemonAgentTests {
    static let agent = """
        name: Ask
        steps:
          - {id: ask, type: agent_task, config: {goal: "Hi", knowledge: [docs/support]}}
        """

    /// A port nothing listens on.
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw TestError("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct TestError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func agentStepsUseTheProvidersAndKnowledgeOfTheRepository() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let port = try Self.closedPort()
        _ = try setup.repo.commit("add", [
            "workflows/ask.yaml": Self.agent,
            "workflows/none.yaml": Self.agent.replacingOccurrences(of: "docs/support", with: "docs/missing"),
            "docs/support/faq.md": "# FAQ\n\nRefunds take 30 days.",
            "runnel.yaml": "providers:\n  default: {base_url: \"http://127.0.0.1:\(port)/v1\", model: tiny}\n",
        ])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        #expect(await daemon.settingsProblems.isEmpty)
        #expect(daemon.providers.catalog.providers["default"]?.model == "tiny")

        // The knowledge was read from git at the run's commit; the provider was then called.
        let run = try await daemon.engine.start(workflowID: "ask", inputs: [:])
        let final = try #require(await daemon.engine.wait(run.id))
        #expect(final.status == .failed)
        let error = try #require(final.stepRun("ask")?.error)
        #expect(error.contains("provider 'default' (POST http://127.0.0.1:\(port)/v1/chat/completions) could not be reached"))

        let other = try await daemon.engine.start(workflowID: "none", inputs: [:])
        let refused = try #require(await daemon.engine.wait(other.id))
        #expect(refused.stepRun("ask")?.error?.hasPrefix("knowledge folder 'docs/missing' has no Markdown or text files at ") == true)
    }

    @Test func aNewCommitReplacesTheProviders() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        _ = try setup.repo.commit("add", ["workflows/ask.yaml": Self.agent,
                                          "runnel.yaml": "providers:\n  default: {base_url: \"http://127.0.0.1:1/v1\", model: one}\n"])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        #expect(daemon.providers.catalog.providers["default"]?.model == "one")
        _ = try setup.repo.commit("bad", ["runnel.yaml": "providers:\n  default: {model: two}\n"])
        _ = try await daemon.reconciler.reconcile()
        #expect(await daemon.settingsProblems == ["runnel.yaml:2:3: provider 'default' needs 'base_url'"])
        // A bad runnel.yaml is not applied: the last valid providers stay.
        #expect(daemon.providers.catalog.providers["default"]?.model == "one")
        _ = try setup.repo.commit("good", ["runnel.yaml": "providers:\n  default: {base_url: \"http://127.0.0.1:1/v1\", model: three}\n"])
        _ = try await daemon.reconciler.reconcile()
        #expect(daemon.providers.catalog.providers["default"]?.model == "three")
    }
}
