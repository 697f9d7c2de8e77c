import Foundation
import RunnelTestSupport
import Testing

/// A git repository in a temporary folder for the CLI tests, driven by the git CLI.
struct GitScratch {
    let url: URL
    var path: String { url.path }

    static func make() throws -> GitScratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-cli-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let scratch = GitScratch(url: url)
        try scratch.git(["init", "-q", "-b", "main"])
        return scratch
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        do {
            return try TestGit.run(arguments, in: path)
        } catch let failure as TestGit.Failure {
            throw CLIGitFailure(description: failure.description)
        }
    }

    @discardableResult
    func commit(_ message: String, _ files: [String: String] = [:], remove: [String] = []) throws -> String {
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        for path in remove { try git(["rm", "-q", path]) }
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message])
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Everything that identifies the repository's state: refs, HEAD, work tree status.
    func snapshot() throws -> String {
        try git(["for-each-ref", "--format=%(refname) %(objectname)"]) + (try git(["rev-parse", "HEAD"])) + (try git(["status", "--porcelain"]))
    }
}

struct CLIGitFailure: Error, CustomStringConvertible { var description: String }


/// Runs `runnel` with a known git identity (CI machines have none).
func runnel(_ arguments: [String], in directory: URL) async throws -> CLI.Output {
    try await CLI.run(arguments, in: directory)
}

func wf(_ name: String, steps: [String], cron: String? = nil, note: String = "") -> String {
    var text = "name: \(name)\n" + (note.isEmpty ? "" : "description: \(note)\n")
    // Distinct lines per name, so that git pairs only real renames.
    text += "env:\n" + (1...6).map { "  NOTE_\($0): \(name)-\($0)\n" }.joined()
    if let cron { text += "on:\n  schedule:\n    - cron: \"\(cron)\"\n" }
    text += "steps:\n"
    for step in steps { text += "  - id: \(step)\n    type: wait\n    config: {duration: 1s}\n" }
    return text
}

@Suite struct GitCommandTests {
    /// A repository with a short history: report.yaml has three versions, then a rename.
    func history() throws -> (GitScratch, [String]) {
        let repo = try GitScratch.make()
        var commits: [String] = []
        commits.append(try repo.commit("Add the report", ["workflows/report.yaml": wf("Report", steps: ["fetch", "send"], cron: "0 9 * * *")]))
        commits.append(try repo.commit("Archive after sending",
                                       ["workflows/report.yaml": wf("Report", steps: ["fetch", "send", "archive"], cron: "0 9 * * *")]))
        commits.append(try repo.commit("Run at ten", ["workflows/report.yaml": wf("Report", steps: ["fetch", "send", "archive"], cron: "0 10 * * *"),
                                                       "README.md": "docs\n"]))
        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("workflows/daily"), withIntermediateDirectories: true)
        try repo.git(["mv", "workflows/report.yaml", "workflows/daily/report.yaml"])
        commits.append(try repo.commit("Move the report"))
        return (repo, commits)
    }

    @Test func logListsVersionsNewestFirstAcrossARename() async throws {
        let (repo, commits) = try history()
        defer { repo.remove() }
        let output = try await runnel(["log", "daily/report"], in: repo.url)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.map { $0[0] } == ["4", "3", "2", "1"])
        #expect(lines.map { $0[1] } == commits.reversed().map { String($0.prefix(7)) })
        #expect(lines[0][3] == "Ada Tester")
        #expect(lines[0][4] == "Move the report (renamed from workflows/report.yaml)")
        #expect(lines[3][4] == "Add the report (added)")
        let json = try await runnel(["log", "workflows/daily/report.yaml", "--format", "json"], in: repo.url)
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"commit\": \"\(commits[3])\""))
        // The index lives in the state folder and is reused.
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".git/runnel/history-main.idx").path))
    }

    @Test func showPrintsAVersionOrARevisionAsYAMLOrJSON() async throws {
        let (repo, commits) = try history()
        defer { repo.remove() }
        let v1 = try await runnel(["show", "daily/report", "--version", "1"], in: repo.url)
        #expect(v1.status == 0, "\(v1.stderr)")
        #expect(v1.stdout == wf("Report", steps: ["fetch", "send"], cron: "0 9 * * *"))
        let at = try await runnel(["show", "report", "--at", String(commits[1].prefix(8))], in: repo.url)
        #expect(at.stdout == wf("Report", steps: ["fetch", "send", "archive"], cron: "0 9 * * *"))
        let json = try await runnel(["show", "daily/report", "--format", "json"], in: repo.url)
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"cron\": \"0 10 * * *\""))
        let head2 = try await runnel(["show", "report", "--at", "HEAD~2"], in: repo.url)
        #expect(head2.stdout.contains("archive"))
        // The workflow's current name finds it before it was moved.
        let beforeMove = try await runnel(["show", "daily/report", "--at", "HEAD~3"], in: repo.url)
        #expect(beforeMove.status == 0, "\(beforeMove.stderr)")
        #expect(beforeMove.stdout == wf("Report", steps: ["fetch", "send"], cron: "0 9 * * *"))
    }

    @Test func diffPrintsASummaryAPatchOrText() async throws {
        let (repo, _) = try history()
        defer { repo.remove() }
        let summary = try await runnel(["diff", "daily/report", "1", "3"], in: repo.url)
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout == "Added 1 step, changed the schedule\n")
        let patch = try await runnel(["diff", "daily/report", "2", "3", "--format", "json-patch"], in: repo.url)
        #expect(patch.stdout.contains("\"path\": \"/on/schedule/0/cron\""))
        #expect(patch.stdout.contains("\"op\": \"replace\""))
        let byRevision = try await runnel(["diff", "daily/report", "HEAD~3", "HEAD"], in: repo.url)
        #expect(byRevision.stdout == "Added 1 step, changed the schedule\n", "\(byRevision.stderr)")
        let text = try await runnel(["diff", "daily/report", "2", "HEAD", "--format", "text"], in: repo.url)
        #expect(text.stdout.contains("-    - cron: \"0 9 * * *\"\n+    - cron: \"0 10 * * *\"\n"))
        #expect(text.stdout.hasPrefix("--- a/workflows/report.yaml (2)\n+++ b/workflows/daily/report.yaml (HEAD)\n"))
    }

    @Test func rollbackMakesANewCommitRestoringAVersion() async throws {
        let (repo, commits) = try history()
        defer { repo.remove() }
        let output = try await runnel(["rollback", "daily/report", "--to", "1"], in: repo.url)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Rolled back workflows/daily/report.yaml to version 1: commit "))
        #expect(try repo.git(["show", "HEAD:workflows/daily/report.yaml"]) == wf("Report", steps: ["fetch", "send"], cron: "0 9 * * *"))
        #expect(try repo.git(["rev-parse", "HEAD~1"]).hasPrefix(commits[3]), "history is not rewritten")
        #expect(try repo.git(["log", "-1", "--format=%s"]) == "Roll back daily/report to version 1\n")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        try repo.git(["fsck", "--full", "--strict"])
        let log = try await runnel(["log", "daily/report"], in: repo.url)
        #expect(log.stdout.hasPrefix("5\t"))
        // Rolling back to what is already there changes nothing and fails.
        let again = try await runnel(["rollback", "daily/report", "--to", "1"], in: repo.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("nothing to commit"))
    }

    @Test func revertUndoesACommit() async throws {
        let (repo, commits) = try history()
        defer { repo.remove() }
        let output = try await runnel(["revert", String(commits[2].prefix(10)), "--message", "Back to nine"], in: repo.url)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try repo.git(["show", "HEAD:workflows/daily/report.yaml"]).contains("0 9 * * *"))
        #expect(try repo.git(["log", "-1", "--format=%s"]) == "Back to nine\n")
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("README.md").path))
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test func checkValidatesChangedWorkflowsAndWritesAReport() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("base", ["workflows/keep.yaml": wf("Keep", steps: ["a", "b", "c", "d"]), "workflows/edit.yaml": wf("Edit", steps: ["a"]),
                                 "workflows/gone.yaml": wf("Gone", steps: ["a"]), "workflows/child.yaml": "name: Child\ninputs:\n  n: {type: integer, required: true}\nsteps:\n  - id: a\n    type: wait\n    config: {duration: 1s}\n"])
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.git(["mv", "workflows/keep.yaml", "workflows/kept.yaml"])
        try repo.commit("feature", ["workflows/edit.yaml": wf("Edit", steps: ["a", "b"], cron: "0 1 * * *"),
                                    "workflows/bad.yaml": "name: Bad\nsteps:\n  - id: notify\n    type: wait\n    depends_on: [fetch]\n    config: {duration: 1s}\n",
                                    "workflows/caller.yaml": "name: Caller\nsteps:\n  - id: run\n    type: workflow\n    config:\n      workflow: child\n      inputs: {n: 1}\n"],
                        remove: ["workflows/gone.yaml"])
        let report = repo.url.appendingPathComponent("summary.md").path
        let output = try await runnel(["check", "--base", "main", "--head", "feature", "--summary-file", report], in: repo.url)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("workflows/bad.yaml (added): Created the workflow with 1 step\n  workflows/bad.yaml:5:18: error: Step 'notify' depends on 'fetch' which doesn't exist [depends-on]\n"))
        #expect(output.stdout.contains("workflows/edit.yaml (modified): Added 1 step, changed the schedule\n"))
        #expect(output.stdout.contains("workflows/gone.yaml (deleted): Deleted the workflow\n"))
        #expect(output.stdout.contains("workflows/kept.yaml (renamed from workflows/keep.yaml): No changes\n"))
        #expect(output.stdout.contains("workflows/caller.yaml (added): Created the workflow with 1 step\n"), "the catalog knows child's inputs")
        #expect(output.stdout.contains("5 workflows changed between"))
        #expect(output.stdout.hasSuffix(": 1 invalid\n"))
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.contains("| `workflows/bad.yaml` | added | Created the workflow with 1 step | ❌ 1 error, 0 warnings |"))
        #expect(markdown.contains("### `workflows/bad.yaml`"))
        let github = try await runnel(["check", "--base", "main", "--head", "feature", "--format", "github"], in: repo.url)
        #expect(github.stdout.contains("::error file=workflows/bad.yaml,line=5,col=18,title=runnel depends-on::Step 'notify'"))
        // Once the bad file is fixed the check passes.
        try repo.commit("fix", ["workflows/bad.yaml": wf("Bad", steps: ["notify"])])
        let fixed = try await runnel(["check", "--base", "main", "--head", "HEAD"], in: repo.url)
        #expect(fixed.status == 0, "\(fixed.stdout)")
        #expect(fixed.stdout.hasSuffix(": all valid\n"))
    }

    @Test func checkRefusesTwoFilesWithOneWorkflowID() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("base", ["workflows/keep.yaml": wf("Keep", steps: ["a"])])
        try repo.commit("dup", ["workflows/dup.yaml": wf("Dup", steps: ["a"]), "workflows/dup.yml": wf("Dup", steps: ["a"])])
        let output = try await runnel(["check", "--base", "HEAD~1", "--head", "HEAD"], in: repo.url)
        #expect(output.status == 1, "\(output.stdout)")
        #expect(output.stdout.contains("workflow id 'dup' is also defined by workflows/dup.yaml; rename one of the files [duplicate-workflow-id]"))
    }

    @Test func badInputIsOneLineNonZeroAndChangesNothing() async throws {
        let (repo, _) = try history()
        defer { repo.remove() }
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-not-a-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: plain) }
        let before = try repo.snapshot()
        let cases: [([String], URL, String)] = [
            (["log", "report"], plain, "not a git repository"),
            (["log", "report", "--repo", plain.path], repo.url, "not a git repository"),
            (["show", "report", "--at", "no-such-branch"], repo.url, "unknown revision 'no-such-branch'"),
            (["log", "nope"], repo.url, "no workflow 'nope'"),
            (["show", "daily/report", "--version", "9"], repo.url, "has no version 9"),
            (["diff", "daily/report", "1", "zzz"], repo.url, "unknown revision 'zzz'"),
            (["rollback", "daily/report", "--to", "7"], repo.url, "has no version 7"),
            (["revert", "deadbeef"], repo.url, "unknown revision 'deadbeef'"),
            (["check", "--base", "main", "--head", "nothing"], repo.url, "unknown revision 'nothing'"),
            (["log", "report", "--branch", "nope"], repo.url, "no branch 'nope'"),
        ]
        for (arguments, folder, message) in cases {
            let output = try await runnel(arguments, in: folder)
            #expect(output.status == 1, "\(arguments): \(output.stdout) \(output.stderr)")
            #expect(output.stderr.hasPrefix("runnel: ") && output.stderr.contains(message), "\(arguments): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(arguments): \(output.stderr)")
            #expect(output.stdout.isEmpty, "\(arguments)")
        }
        #expect(try repo.snapshot() == before)
    }

    @Test func concurrentRollbacksInABareRepositoryNeverLoseACommit() async throws {
        let (repo, _) = try history()
        defer { repo.remove() }
        try repo.commit("Run at eleven", ["workflows/daily/report.yaml": wf("Report", steps: ["fetch", "send", "archive"], cron: "0 11 * * *")])
        let bare = repo.url.appendingPathComponent("bare.git").path
        try repo.git(["clone", "-q", "--bare", repo.path, bare])
        // Three writers at once, each restoring a version with other content: every one either
        // commits on top of the tip it read or fails with the stale-branch error; none is lost.
        let results = try await withThrowingTaskGroup(of: CLI.Output.self) { group in
            for version in 1...3 {
                group.addTask { try await runnel(["rollback", "daily/report", "--to", String(version), "--repo", bare], in: repo.url) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var made: [String] = []
        for output in results {
            if output.status == 0 {
                let words = output.stdout.split(separator: " ")
                let index = try #require(words.firstIndex(of: "commit"))
                made.append(String(words[index + 1]))
            } else {
                #expect(output.stderr.contains("moved from") && output.stderr.contains("nothing was committed"), "\(output.stderr)")
            }
        }
        #expect(!made.isEmpty)
        let onBranch = try repo.git(["--git-dir", bare, "rev-list", "--first-parent", "main"])
        for commit in made { #expect(onBranch.contains(commit), "\(commit) is on main") }
        #expect(onBranch.split(separator: "\n").count == 5 + made.count)
        try repo.git(["--git-dir", bare, "fsck", "--full", "--strict"])
    }

    @Test func unsafeNamesAndCorruptObjectsAreOneLineErrors() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("add", ["workflows/w.yaml": wf("W", steps: ["a"])])
        for name in ["../secret", "/etc/passwd", "workflows/../../x.yaml"] {
            let output = try await runnel(["show", name], in: repo.url)
            #expect(output.status == 1, "\(name)")
            #expect(output.stderr.hasPrefix("runnel: workflow id"), "\(name): \(output.stderr)")
        }
        let blob = try repo.git(["rev-parse", "HEAD:workflows/w.yaml"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.url.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
        try Data([0x78, 0x01, 0xde, 0xad, 0xbe, 0xef]).write(to: object)
        for arguments in [["show", "w"], ["diff", "w", "1", "HEAD"], ["rollback", "w", "--to", "1"]] {
            let output = try await runnel(arguments, in: repo.url)
            #expect(output.status == 1, "\(arguments): \(output.stdout)")
            #expect(output.stderr.hasPrefix("runnel: ") && output.stderr.split(separator: "\n").count == 1, "\(arguments): \(output.stderr)")
        }
    }

    @Test func aDeletedVersionCannotBeShownOrRestored() async throws {
        let repo = try GitScratch.make()
        defer { repo.remove() }
        try repo.commit("add", ["workflows/w.yaml": wf("W", steps: ["a"])])
        try repo.commit("delete", remove: ["workflows/w.yaml"])
        let before = try repo.snapshot()
        let show = try await runnel(["show", "w", "--version", "2"], in: repo.url)
        #expect(show.status == 1)
        #expect(show.stderr.contains("does not exist at version 2"))
        let atHead = try await runnel(["show", "w", "--at", "HEAD"], in: repo.url)
        #expect(atHead.status == 1)
        #expect(atHead.stderr.hasPrefix("runnel: workflow 'w' does not exist at HEAD ("), "\(atHead.stderr)")
        let rollback = try await runnel(["rollback", "w", "--to", "2"], in: repo.url)
        #expect(rollback.status == 1)
        #expect(try repo.snapshot() == before)
        // Restoring version 1 brings the deleted file back.
        let restore = try await runnel(["rollback", "w", "--to", "1"], in: repo.url)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try repo.git(["status", "--porcelain"]) == "")
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("workflows/w.yaml").path))
    }

    @Test func aDetachedHeadIsReadButNotWritten() async throws {
        let (repo, commits) = try history()
        defer { repo.remove() }
        try repo.git(["checkout", "-q", "--detach", commits[1]])
        let log = try await runnel(["log", "report"], in: repo.url)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.split(separator: "\n").count == 2)
        let rollback = try await runnel(["rollback", "report", "--to", "1"], in: repo.url)
        #expect(rollback.status == 1)
        #expect(rollback.stderr.contains("HEAD is detached"))
        let onBranch = try await runnel(["log", "daily/report", "--branch", "main"], in: repo.url)
        #expect(onBranch.stdout.split(separator: "\n").count == 4)
    }
}
