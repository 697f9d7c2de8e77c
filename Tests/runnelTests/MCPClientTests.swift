import Foundation
import RunnelTestSupport
import Testing

/// `scripts/mcp-client.py`: Python's `mcp` package (PyPI, 2.3.0), a real external client,
/// driving `runnel mcp` over stdio and `POST /mcp` on a real `runnel serve`. Skipped only when
/// the package is missing and `CI` is unset; under CI a missing package fails the test.
@Suite struct MCPClientTests {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static var hasClient: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import mcp.client.stdio"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static var runs: Bool { hasClient || ProcessInfo.processInfo.environment["CI"] != nil }

    @Test(.enabled(if: runs, "Python's mcp package is not installed (pip install mcp==2.3.0) and CI is unset"),
          .timeLimit(.minutes(3)))
    func aRealMCPClientListsCreatesTriggersAndIsRefusedByScope() async throws {
        #expect(Self.hasClient, "Python's mcp package is missing: run scripts/test-deps.sh (make test does)")
        let binary = Self.root + "/.build/debug/runnel"
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build runnel first: \(binary)")
        let result = try await TestProcess.run("/usr/bin/env", ["python3", Self.root + "/scripts/mcp-client.py", binary], mergingOutput: true)
        #expect(result.status == 0, "the MCP client failed:\n\(result.stdout.suffix(6000))")
        #expect(result.stdout.contains("mcp client: all checks passed"), "\(result.stdout.suffix(3000))")
    }

    @Test func badOptionsAreOneLineOnStderrAndStdoutStaysTheProtocols() async throws {
        let scheme = try await CLI.run(["mcp", "--api", "ftp://127.0.0.1:1"])
        #expect(scheme.status == 2)
        #expect(scheme.stdout.isEmpty)
        #expect(scheme.stderr.contains("--api must be an http:// or https:// URL, not 'ftp://127.0.0.1:1'"), "\(scheme.stderr)")
        let folder = try CLI.scratch(["workflows/x.yaml": "name: x\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try await CLI.run(["mcp", "--repo", folder.path + "/nope", "--state", folder.path + "/state"])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty, "stdout is JSON-RPC only: \(missing.stdout)")
        #expect(missing.stderr.hasPrefix("runnel: cannot serve"), "\(missing.stderr)")
    }
}
