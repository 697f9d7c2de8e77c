import Foundation
import Testing

/// Problems a first user ran into, each kept fixed by a test.
@Suite struct ReportedProblemTests {
    static let kid = "name: Kid\ninputs:\n  n: {type: integer, required: true}\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
    static let parent = """
        name: Parent
        steps:
          - id: child
            type: workflow
            config: {workflow: kid, inputs: {n: 3}}
        """

    @Test func checkFailsWhenAChangeBreaksAnUnchangedWorkflow() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("base", ["workflows/kid.yaml": Self.kid, "workflows/parent.yaml": Self.parent])
        try repo.git(["checkout", "-q", "-b", "pr"])
        try repo.commit("delete kid", remove: ["workflows/kid.yaml"])
        let output = try await CLI.run(["check", "--base", "main", "--head", "pr"], in: repo.url)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("workflows/parent.yaml (unchanged): Unchanged, but broken by this change"))
        #expect(output.stdout.contains("[workflow-reference]"))
        #expect(output.stdout.contains("it breaks 1 other workflow"))
    }

    @Test func helpGoesToStandardOutput() async throws {
        let help = try await CLI.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: runnel run"))
        #expect(help.stderr.isEmpty)
    }

    @Test func runCommandsOutsideARepositoryRefuseToWriteState() async throws {
        let folder = try CLI.scratch(["note.txt": "not a repository"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = try await CLI.run(["runs"], in: folder)
        #expect(runs.status == 2)
        #expect(runs.stderr.hasPrefix("runnel: not inside a repository"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".runnel").path))
        let limit = try await CLI.run(["runs", "--limit", "0", "--state", folder.path], in: folder)
        #expect(limit.status == 2)
        #expect(limit.stderr.contains("--limit must be a whole number from 1 to 200, not 0"))
    }

    @Test func aWorkflowWithTwoFilesIsRefused() async throws {
        let root = try CLI.scratch(["workflows/a.yaml": Self.kid, "workflows/a.yml": Self.kid])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["run", "a", "--input", "n=1"], in: root)
        #expect(output.status == 1)
        #expect(output.stderr.contains("duplicate-workflow-id"))
    }

    @Test func aRunBeingExecutedCannotBeResumedByAnotherProcess() async throws {
        let root = try CLI.scratch(["workflows/slow.yaml": "name: Slow\nsteps:\n  - {id: nap, type: script, config: {run: \"sleep 300\"}}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let process = try CLI.start(["run", "slow"], in: root)
        try await CLI.waitForRecord(in: root, workflow: "slow") { $0.contains("\"status\" : \"running\"") }
        let runID = try #require(try CLI.runIDs(in: root, workflow: "slow").first)
        let resume = try await CLI.run(["resume", runID], in: root)
        #expect(resume.status == 1)
        #expect(resume.stderr == "runnel: run \(runID) is being executed by another runnel process\n")
        kill(process.processIdentifier, SIGINT)
        let finished = try await CLI.finish(process, within: .seconds(60))
        #expect(finished.status == 1)
        #expect(finished.stdout.contains("step nap cancelled"))
    }
}
