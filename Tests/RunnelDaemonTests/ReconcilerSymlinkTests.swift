import Foundation
import RunnelCore
import RunnelGit
import Testing
@testable import RunnelDaemon

/// The daemon answers a committed symbolic link as `validate` and `check` do: one
/// `symlink` error, and the link's blob (the target's path) is never parsed.
@Suite struct ReconcilerSymlinkTests {
    @Test func aCommittedLinkIsInvalidWithTheSymlinkError() throws {
        let repo = try ScratchRepository()
        defer { repo.remove() }
        try repo.commit("first", ["workflows/a.yaml": flow("A")])
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/workflows/passwd.yaml", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/workflows/alias.yaml", withDestinationPath: "a.yaml")
        let head = try repo.commit("links")
        let repository = try GitRepository(path: repo.path)
        var registry = Registry()
        let report = try Reconciler.reconcile(&registry, repository: repository, to: head)
        #expect(report.activated == ["a"])
        #expect(report.invalid.sorted() == ["alias", "passwd"])
        let error = try #require(registry.entries["passwd"]?.errors.first)
        #expect(error.rule == "symlink")
        #expect(error.message.hasPrefix("this file is a symbolic link; Runnel never reads workflows through links"))
        #expect(registry.entries["alias"]?.errors.map(\.rule) == ["symlink"])
    }
}
