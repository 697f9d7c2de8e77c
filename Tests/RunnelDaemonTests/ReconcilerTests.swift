import Foundation
import RunnelCore
import RunnelGit
import RunnelTestSupport
import Testing
@testable import RunnelDaemon

/// A throwaway repository driven by the git CLI.
struct ScratchRepository {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-daemon-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        do {
            return try TestGit.run(arguments, in: path, identity: TestGit.Identity(name: "Test", email: "test@example.com"))
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ScratchFailure(description: "\(error)")
        }
    }

    /// Writes and removes files, commits, and returns the commit's id.
    @discardableResult
    func commit(_ message: String, _ files: [String: String] = [:], remove: [String] = []) throws -> ObjectID {
        for (file, text) in files {
            let url = URL(fileURLWithPath: path).appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        for file in remove { try git("rm", "-q", file) }
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try #require(ObjectID(hex: try git("rev-parse", "HEAD")))
    }
}

struct ScratchFailure: Error, CustomStringConvertible { var description: String }

func flow(_ name: String, steps: [String] = ["a"], extra: String = "") -> String {
    "name: \(name)\n\(extra)steps:\n" + steps.map { "  - {id: \($0), type: wait, config: {duration: 1s}}\n" }.joined()
}

let broken = "name: Broken\nsteps:\n  - {id: a, type: wait, depends_on: [ghost], config: {duration: 1s}}\n"

@Suite struct ReconcilerTests {
    @Test func theFirstReconcileActivatesValidFilesAndListsInvalidOnes() throws {
        let repo = try ScratchRepository()
        defer { repo.remove() }
        let head = try repo.commit("first", ["workflows/a.yaml": flow("A"), "workflows/team/b.yml": flow("B"),
                                             "workflows/bad.yaml": broken, "workflows/notes.txt": "not a workflow",
                                             "templates/t.yaml": flow("T")])
        let repository = try GitRepository(path: repo.path)
        var registry = Registry()
        let report = try Reconciler.reconcile(&registry, repository: repository, to: head)
        #expect(report.activated.sorted() == ["a", "team/b"])
        #expect(report.invalid == ["bad"])
        #expect(registry.activeCommit == head.hex)
        #expect(registry.entries["bad"]?.state == "invalid")
        #expect(registry.entries["bad"]?.errors.first?.message == "Step 'a' depends on 'ghost' which doesn't exist")
        #expect(registry.entries["team/b"]?.active?.commit == head.hex)
        #expect(registry.entries.count == 3)
    }

    @Test func anInvalidChangeKeepsTheLastValidVersionAndOnlyChangedFilesAreRead() throws {
        let repo = try ScratchRepository()
        defer { repo.remove() }
        let first = try repo.commit("first", ["workflows/a.yaml": flow("A", steps: ["one", "two"]), "workflows/b.yaml": flow("B")])
        let repository = try GitRepository(path: repo.path)
        var registry = Registry()
        _ = try Reconciler.reconcile(&registry, repository: repository, to: first)

        let second = try repo.commit("break a", ["workflows/a.yaml": broken])
        let report = try Reconciler.reconcile(&registry, repository: repository, to: second)
        #expect(report == ReconcileReport(keptPrevious: ["a"]))
        let entry = try #require(registry.entries["a"])
        #expect(entry.active?.commit == first.hex)
        #expect(entry.active?.workflow.steps.map(\.id.value) == ["one", "two"])
        #expect(entry.errors.count == 1)
        #expect(entry.state == "active")

        let third = try repo.commit("fix a", ["workflows/a.yaml": flow("A", steps: ["three"])])
        #expect(try Reconciler.reconcile(&registry, repository: repository, to: third) == ReconcileReport(activated: ["a"]))
        #expect(registry.entries["a"]?.errors.isEmpty == true)
        #expect(registry.entries["a"]?.active?.workflow.steps.map(\.id.value) == ["three"])
        #expect(try Reconciler.reconcile(&registry, repository: repository, to: third).isEmpty)
    }

    @Test func deletesAndRenamesKeepTheRestAndARenameKeepsItsActiveVersion() throws {
        let repo = try ScratchRepository()
        defer { repo.remove() }
        let long = flow("Report", steps: ["fetch", "shape", "render", "send"], extra: "description: the weekly report for the team\n")
        let first = try repo.commit("first", ["workflows/report.yaml": long, "workflows/gone.yaml": flow("Gone")])
        let repository = try GitRepository(path: repo.path)
        var registry = Registry()
        _ = try Reconciler.reconcile(&registry, repository: repository, to: first)

        try FileManager.default.createDirectory(atPath: repo.path + "/workflows/reports", withIntermediateDirectories: true)
        try repo.git("mv", "workflows/report.yaml", "workflows/reports/weekly.yaml")
        let second = try repo.commit("rename and delete", remove: ["workflows/gone.yaml"])
        let report = try Reconciler.reconcile(&registry, repository: repository, to: second)
        #expect(report.deleted == ["gone"])
        #expect(report.renamed == [.init(from: "report", to: "reports/weekly")])
        #expect(report.activated == ["reports/weekly"])
        #expect(registry.entries.keys.sorted() == ["reports/weekly"])
        #expect(registry.entries["reports/weekly"]?.path == "workflows/reports/weekly.yaml")
    }

    @Test func aForcePushAndARevertAreReconciledAgainstTheNewTree() throws {
        let repo = try ScratchRepository()
        defer { repo.remove() }
        let first = try repo.commit("first", ["workflows/a.yaml": flow("A", steps: ["v1"])])
        let second = try repo.commit("second", ["workflows/a.yaml": flow("A", steps: ["v2"]), "workflows/new.yaml": flow("New")])
        let repository = try GitRepository(path: repo.path)
        var registry = Registry()
        _ = try Reconciler.reconcile(&registry, repository: repository, to: second)

        // The branch is rewritten: `second` is no longer in its history.
        try repo.git("reset", "-q", "--hard", first.hex)
        // (Unlike enough to `new.yaml` that git does not pair them as a rename.)
        let other = flow("Other", steps: ["collect", "transform", "publish"], extra: "description: nothing like the deleted one\ntags: [x, y]\n")
        let rewritten = try repo.commit("rewritten", ["workflows/other.yaml": other])
        let report = try Reconciler.reconcile(&registry, repository: repository, to: rewritten)
        #expect(report.deleted == ["new"])
        #expect(report.activated.sorted() == ["a", "other"])
        #expect(registry.entries["a"]?.active?.workflow.steps.map(\.id.value) == ["v1"])

        let changed = try repo.commit("v3", ["workflows/a.yaml": flow("A", steps: ["v3"])])
        _ = try Reconciler.reconcile(&registry, repository: repository, to: changed)
        try repo.git("revert", "--no-edit", "HEAD")
        let reverted = try #require(ObjectID(hex: try repo.git("rev-parse", "HEAD")))
        _ = try Reconciler.reconcile(&registry, repository: repository, to: reverted)
        #expect(registry.entries["a"]?.active?.workflow.steps.map(\.id.value) == ["v1"])
    }
}
