import Foundation
import Testing

/// `validate`, `run` and `check` never read a workflow through a symbolic link: each link
/// is one `symlink` error, and what it points to is never printed.
@Suite struct SymlinkCommandTests {
    static let good = "name: Good\nsteps:\n  - id: a\n    type: wait\n    config: {duration: 1s}\n"
    static let message = "is a symbolic link; Runnel never reads workflows through links (one could point outside the repository), so commit the file itself [symlink]"

    @Test func validateReportsLinksWithoutReadingThem() async throws {
        let root = try CLI.scratch(["workflows/good.yaml": Self.good, "outside/secret.yaml": "name: secret-value-42\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = FileManager.default
        try files.createSymbolicLink(atPath: root.appendingPathComponent("workflows/env.yaml").path, withDestinationPath: "/proc/self/environ")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("workflows/passwd.yaml").path, withDestinationPath: "/etc/passwd")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("workflows/alias.yaml").path, withDestinationPath: "good.yaml")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("workflows/sub").path, withDestinationPath: root.appendingPathComponent("outside").path)
        let output = try await CLI.run(["validate"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("workflows/env.yaml:1:1: error: this file \(Self.message)"))
        #expect(output.stdout.contains("workflows/passwd.yaml:1:1: error: this file \(Self.message)"))
        #expect(output.stdout.contains("workflows/alias.yaml:1:1: error: this file \(Self.message)"))
        #expect(!output.stdout.contains("PATH="))
        #expect(!output.stdout.contains("root:"))
        #expect(!output.stdout.contains("secret-value-42"))
        // Named directly, a link (or a file below a linked folder) is refused the same way.
        let direct = try await CLI.run(["validate", "workflows/sub/secret.yaml", "workflows/passwd.yaml"], in: root)
        #expect(direct.status == 1)
        #expect(direct.stdout.contains("workflows/sub/secret.yaml:1:1: error: 'workflows/sub', a folder above this file, \(Self.message)"))
        #expect(direct.stdout.contains("workflows/passwd.yaml:1:1: error: this file \(Self.message)"))
        #expect(!direct.stdout.contains("secret-value-42") && !direct.stdout.contains("root:"))
    }

    @Test func runRefusesALinkedWorkflow() async throws {
        let root = try CLI.scratch(["workflows/good.yaml": Self.good])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("workflows/alias.yaml").path, withDestinationPath: "good.yaml")
        let output = try await CLI.run(["run", "alias"], in: root)
        #expect(output.status != 0)
        #expect(output.stderr.contains("workflows/alias.yaml:1:1: error: this file \(Self.message)"), "\(output.stdout)\(output.stderr)")
    }

    @Test func checkReportsACommittedLinkWithoutParsingIt() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("base", ["workflows/good.yaml": Self.good])
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("workflows/passwd.yaml").path, withDestinationPath: "/etc/passwd")
        try repo.git(["add", "workflows/passwd.yaml"])
        try repo.git(["commit", "-q", "-m", "link"])
        #expect(try repo.git(["ls-files", "-s", "workflows/passwd.yaml"]).hasPrefix("120000 "))
        let output = try await runnel(["check", "--base", "HEAD~1", "--head", "HEAD"], in: repo.url)
        #expect(output.status == 1, "\(output.stdout)")
        #expect(output.stdout.contains("workflows/passwd.yaml:1:1: error: this file \(Self.message)"), "\(output.stdout)")
        #expect(!output.stdout.contains("root:") && !output.stdout.contains("mapping"))
    }
}
